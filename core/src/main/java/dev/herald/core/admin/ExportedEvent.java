package dev.herald.core.admin;

import static java.util.Objects.requireNonNull;

import dev.herald.proto.event.v1.EventEnvelope;
import java.time.Instant;
import java.util.List;

/**
 * A stored event as an export writes it: the envelope, when it was stored, and (when the export
 * asks for them) its deliveries with their attempts.
 */
public record ExportedEvent(
    EventEnvelope envelope, Instant storedAt, List<ExportedEvent.Delivery> deliveries) {

  public ExportedEvent {
    requireNonNull(envelope, "envelope");
    requireNonNull(storedAt, "storedAt");
    deliveries = List.copyOf(deliveries);
  }

  /** A delivery of the event and its attempts, oldest first. */
  public record Delivery(DeliveryView view, List<AttemptView> attempts) {

    public Delivery {
      requireNonNull(view, "view");
      attempts = List.copyOf(attempts);
    }
  }
}
