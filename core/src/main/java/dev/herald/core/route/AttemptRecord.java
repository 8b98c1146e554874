package dev.herald.core.route;

import static java.util.Objects.requireNonNull;

import dev.herald.core.dispatch.DeliveryResult;
import java.time.Instant;

/**
 * One finished attempt and the delivery's next state: what is written to {@code delivery_logs} and
 * {@code deliveries}.
 *
 * @param nextAttemptAt when the delivery is tried again; null unless {@code next} is SCHEDULED
 */
public record AttemptRecord(
    ClaimedDelivery delivery,
    DeliveryResult result,
    Instant startedAt,
    long latencyMicros,
    DeliveryStatus next,
    Instant nextAttemptAt,
    String lastError) {

  public AttemptRecord {
    requireNonNull(delivery, "delivery");
    requireNonNull(result, "result");
    requireNonNull(startedAt, "startedAt");
    requireNonNull(next, "next");
    if (next == DeliveryStatus.SCHEDULED) {
      requireNonNull(nextAttemptAt, "nextAttemptAt");
    }
  }

  /** Returns the attempt log's outcome column: succeeded, retry or dead. */
  public String logOutcome() {
    return switch (next) {
      case SUCCEEDED -> "succeeded";
      case SCHEDULED -> "retry";
      default -> "dead";
    };
  }
}
