package dev.herald.core.admin;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * One target's backlog: what waits (pending, scheduled, in flight), since when, and its dead
 * letters.
 *
 * @param oldestWaitingCreatedAt when the oldest waiting delivery was created; empty when none waits
 */
public record TargetStats(
    long pending,
    long scheduled,
    long inFlight,
    long dead,
    Optional<Instant> oldestWaitingCreatedAt) {

  /** Stats of a target with nothing stored. */
  public static final TargetStats EMPTY = new TargetStats(0, 0, 0, 0, Optional.empty());

  public TargetStats {
    requireNonNull(oldestWaitingCreatedAt, "oldestWaitingCreatedAt");
  }
}
