package dev.herald.core.admin;

import static java.util.Objects.requireNonNull;

import dev.herald.core.dispatch.TargetRef;
import dev.herald.core.route.DeliveryStatus;
import java.time.Instant;

/**
 * A delivery as an operator sees it: the event, the target, where it stands.
 *
 * @param replay whether an operator replayed it (its envelope is delivered with purpose REPLAY)
 * @param lastError why the last attempt failed; null when it did not
 * @param orderKey its key when its target orders deliveries per key; null otherwise
 */
public record DeliveryView(
    long id,
    String eventId,
    String eventType,
    String realmId,
    TargetRef target,
    DeliveryStatus status,
    boolean replay,
    int attemptCount,
    Instant nextAttemptAt,
    String lastError,
    Instant createdAt,
    Instant updatedAt,
    String orderKey) {

  public DeliveryView {
    requireNonNull(eventId, "eventId");
    requireNonNull(eventType, "eventType");
    requireNonNull(realmId, "realmId");
    requireNonNull(target, "target");
    requireNonNull(status, "status");
    requireNonNull(nextAttemptAt, "nextAttemptAt");
    requireNonNull(createdAt, "createdAt");
    requireNonNull(updatedAt, "updatedAt");
  }
}
