package dev.herald.core.route;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.core.outbox.OutboxEvent;
import dev.herald.core.outbox.OutboxStore;
import dev.herald.core.rule.EventDocuments;
import dev.herald.proto.event.v1.EventEnvelope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * Prepares outbox events for a directory's {@link TargetDirectory#subscribers} and ordering keys:
 * when some subscription has a content pattern or some target orders its deliveries, the envelopes
 * of the whole batch are read in one query and rendered lazily; otherwise nothing beyond the outbox
 * row is read.
 */
public final class RoutedEvents {

  private RoutedEvents() {}

  /** Returns the events ready for routing, in the order given. */
  public static List<RoutedEvent> load(
      DSLContext ctx, OutboxStore outbox, TargetDirectory directory, List<OutboxEvent> events) {
    Optional<EventDocuments> documents = directory.contentDocuments();
    List<RoutedEvent> routed = new ArrayList<>(events.size());
    if (documents.isEmpty() || events.isEmpty()) {
      events.forEach(event -> routed.add(RoutedEvent.withoutContent(event)));
      return routed;
    }
    Map<Long, EventEnvelope> envelopes =
        outbox.envelopes(ctx, events.stream().map(OutboxEvent::id).toList());
    for (OutboxEvent event : events) {
      EventEnvelope envelope = envelopes.get(event.id());
      routed.add(
          new RoutedEvent(event, envelope, () -> document(documents.get(), event, envelope)));
    }
    return routed;
  }

  private static JsonNode document(
      EventDocuments documents, OutboxEvent event, EventEnvelope envelope) {
    if (envelope == null) {
      throw new IllegalStateException("event_outbox row " + event.id() + " is gone");
    }
    try {
      return documents.document(envelope);
    } catch (IllegalArgumentException e) {
      // A payload type unknown here: patterns still see the envelope's fields, none of the
      // payload's; the delivery's attempt will say the payload cannot be rendered.
      return documents.document(envelope.toBuilder().clearPayload().build());
    }
  }
}
