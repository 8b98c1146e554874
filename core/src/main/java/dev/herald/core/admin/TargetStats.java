package dev.herald.core.admin;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One target's backlog: what waits (pending, scheduled, in flight), since when, and its dead
 * letters.
 *
 * @param pending never attempted: pending, and queued behind the head of an ordered key
 * @param oldestWaitingCreatedAt when the oldest waiting delivery was created; empty when none waits
 * @param earliestDueAt the earliest next attempt time of a waiting delivery (for one in flight, the
 *     end of its lease); it may lie in the future; empty when none waits
 */
public record TargetStats(
    long pending,
    long scheduled,
    long inFlight,
    long dead,
    Optional<Instant> oldestWaitingCreatedAt,
    Optional<Instant> earliestDueAt) {

  /** Stats of a target with nothing stored. */
  public static final TargetStats EMPTY =
      new TargetStats(0, 0, 0, 0, Optional.empty(), Optional.empty());

  public TargetStats {
    requireNonNull(oldestWaitingCreatedAt, "oldestWaitingCreatedAt");
    requireNonNull(earliestDueAt, "earliestDueAt");
  }

  /** Returns how long the oldest waiting delivery has waited at {@code now}: the target's lag. */
  public Optional<Duration> oldestWaitingAge(Instant now) {
    return oldestWaitingCreatedAt.map(created -> notNegative(Duration.between(created, now)));
  }

  /** Returns how long the earliest due delivery has been due at {@code now}; empty if none is. */
  public Optional<Duration> oldestDueAge(Instant now) {
    return earliestDueAt.filter(due -> !due.isAfter(now)).map(due -> Duration.between(due, now));
  }

  private static Duration notNegative(Duration age) {
    return age.isNegative() ? Duration.ZERO : age;
  }
}
