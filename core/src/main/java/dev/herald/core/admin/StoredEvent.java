package dev.herald.core.admin;

import static java.util.Objects.requireNonNull;

import dev.herald.proto.event.v1.EventEnvelope;
import java.time.Instant;
import java.util.List;

/** A stored event, when it was stored, and its deliveries. */
public record StoredEvent(EventEnvelope envelope, Instant storedAt, List<DeliveryView> deliveries) {

  public StoredEvent {
    requireNonNull(envelope, "envelope");
    requireNonNull(storedAt, "storedAt");
    deliveries = List.copyOf(deliveries);
  }
}
