package dev.herald.host.admin;

import dev.herald.core.admin.DeliveryView;
import dev.herald.core.admin.StoredEvent;
import dev.herald.proto.admin.v1.EventSummary;
import dev.herald.proto.event.v1.EventEnvelope;
import dev.herald.proto.ingest.v1.EventDelivery;

/** Renders stored events and where they went, for GetEvent and ListEvents alike. */
final class EventMessages {

  private EventMessages() {}

  /** Returns a delivery as an event's list of deliveries shows it. */
  static EventDelivery delivery(DeliveryView view) {
    return EventDelivery.newBuilder()
        .setDeliveryId(view.id())
        .setTarget(view.target().key())
        .setStatus(view.status().dbValue())
        .setAttemptCount(view.attemptCount())
        .setLastError(view.lastError() == null ? "" : view.lastError())
        .setNextAttemptAt(ProtoTime.timestamp(view.nextAttemptAt()))
        .build();
  }

  /** Returns a stored event's header (not its payload) with its deliveries. */
  static EventSummary summary(StoredEvent stored) {
    EventEnvelope event = stored.envelope();
    EventSummary.Builder summary =
        EventSummary.newBuilder()
            .setEventId(event.getEventId())
            .setEventType(event.getEventType())
            .setEventVersion(event.getEventVersion())
            .setRealmId(event.getRealmId())
            .setSequence(event.getSequence())
            .setCorrelationId(event.getCorrelationId())
            .setSource(event.getSource())
            .setOccurredAt(event.getOccurredAt())
            .setStoredAt(ProtoTime.timestamp(stored.storedAt()));
    if (event.hasSubject()) {
      summary.setSubject(event.getSubject());
    }
    stored.deliveries().forEach(d -> summary.addDeliveries(delivery(d)));
    return summary.build();
  }
}
