package dev.herald.core.rule;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.core.envelope.EnvelopeJson;
import dev.herald.proto.event.v1.EventEnvelope;

/**
 * Renders an envelope as the JSON document rules read: the very body a webhook receives untouched
 * (snake_case names, the payload as JSON under {@code payload}, a typed payload rendered through
 * the type registry), so a pattern or transformation is written against what users already see.
 */
public final class EventDocuments {

  private final EnvelopeJson json;

  /** Creates documents rendered by {@code json}, which knows the typed payloads. */
  public EventDocuments(EnvelopeJson json) {
    this.json = requireNonNull(json, "json");
  }

  /**
   * Returns the event's document.
   *
   * @throws IllegalArgumentException when a typed payload's type is not registered
   */
  public JsonNode document(EventEnvelope envelope) {
    return JsonTrees.parse(json.render(envelope));
  }
}
