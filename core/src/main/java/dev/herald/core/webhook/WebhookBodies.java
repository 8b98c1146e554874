package dev.herald.core.webhook;

import static java.util.Objects.requireNonNull;

import dev.herald.core.envelope.EnvelopeJson;
import dev.herald.core.route.SubscriptionIndex;
import dev.herald.core.rule.JsonTrees;
import dev.herald.core.rule.TransformFailedException;
import dev.herald.proto.event.v1.EventEnvelope;
import java.nio.charset.StandardCharsets;
import java.util.function.BiFunction;

/**
 * Renders the body an endpoint receives of an event: the envelope as JSON, or what the
 * transformation of the subscription selecting the event makes of it.
 */
@FunctionalInterface
public interface WebhookBodies {

  /**
   * Returns the body, as the bytes that are sent and signed.
   *
   * @throws TransformFailedException when the selecting subscription's transformation fails on the
   *     event
   * @throws IllegalArgumentException when the event cannot be rendered (an unknown typed payload)
   */
  byte[] body(String endpointId, EventEnvelope envelope);

  /** Returns bodies that are the envelope as JSON, whatever the subscriptions say. */
  static WebhookBodies untransformed(EnvelopeJson json) {
    requireNonNull(json, "json");
    return (endpointId, envelope) -> json.render(envelope).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Returns bodies shaped by the subscription {@code selections} finds for an endpoint and an
   * event, e.g. {@link WebhookDirectory#select}.
   */
  static WebhookBodies selectedBy(
      BiFunction<String, EventEnvelope, SubscriptionIndex.Selection> selections,
      EnvelopeJson json) {
    requireNonNull(selections, "selections");
    requireNonNull(json, "json");
    return (endpointId, envelope) -> of(selections.apply(endpointId, envelope), envelope, json);
  }

  /**
   * Returns the body for one selection: transformed when the selecting subscription says so, the
   * envelope as JSON otherwise (also when no subscription selects the event any more: it was
   * selected when its delivery was created).
   */
  static byte[] of(
      SubscriptionIndex.Selection selection, EventEnvelope envelope, EnvelopeJson json) {
    return selection
        .transform()
        .map(transform -> JsonTrees.bytes(transform.apply(selection.document().orElseThrow())))
        .orElseGet(() -> json.render(envelope).getBytes(StandardCharsets.UTF_8));
  }
}
