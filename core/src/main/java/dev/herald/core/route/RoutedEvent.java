package dev.herald.core.route;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.core.outbox.OutboxEvent;
import dev.herald.proto.event.v1.EventEnvelope;
import java.util.function.Supplier;

/**
 * An event being routed: what its outbox row says, its envelope when the directory reads content
 * (patterns, ordering keys), and its JSON document, rendered at most once and only when asked for.
 * Used by one routing thread.
 */
public final class RoutedEvent {

  private final OutboxEvent event;
  private final EventEnvelope envelope;
  private final Supplier<JsonNode> render;
  private JsonNode document;

  /** Creates an event whose document {@code render} makes on first use. */
  public RoutedEvent(OutboxEvent event, EventEnvelope envelope, Supplier<JsonNode> render) {
    this.event = requireNonNull(event, "event");
    this.envelope = envelope;
    this.render = requireNonNull(render, "render");
  }

  /** Creates an event without its envelope whose document {@code render} makes on first use. */
  public RoutedEvent(OutboxEvent event, Supplier<JsonNode> render) {
    this(event, null, render);
  }

  /** Creates an event routed by type and realm only: no directory inspects content. */
  public static RoutedEvent withoutContent(OutboxEvent event) {
    return new RoutedEvent(
        event,
        () -> {
          throw new IllegalStateException(
              "event " + event.eventId() + ": no content was loaded (no directory inspects it)");
        });
  }

  /** Returns what the outbox row says of the event. */
  public OutboxEvent event() {
    return event;
  }

  /** Returns the stored envelope; null when no directory reads content (or the row is gone). */
  public EventEnvelope envelope() {
    return envelope;
  }

  /** Returns the event's JSON document, as a webhook receives it. */
  public JsonNode document() {
    if (document == null) {
      document = render.get();
    }
    return document;
  }
}
