package dev.herald.core.dispatch;

import static java.util.Objects.requireNonNull;

import dev.herald.proto.event.v1.EventEnvelope;

/**
 * One attempt to deliver one event to one target.
 *
 * @param deliveryId the {@code deliveries} row; stable across retries
 * @param attempt 1 for the first attempt, 2 for the first retry, and so on
 * @param target where the event goes
 * @param envelope the event, identical on every attempt
 */
public record DeliveryAttempt(
    long deliveryId, int attempt, TargetRef target, EventEnvelope envelope) {

  public DeliveryAttempt {
    requireNonNull(target, "target");
    requireNonNull(envelope, "envelope");
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt: " + attempt + " (expected: >= 1)");
    }
  }
}
