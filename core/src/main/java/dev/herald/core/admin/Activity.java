package dev.herald.core.admin;

import static java.util.Objects.requireNonNull;

import dev.herald.core.dispatch.TargetRef;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Attempts, dead letters and backlog per bucket of a recent window, attempts per target over it,
 * and the backlog now. Deferred hand-backs (a breaker open) are not attempts and are not counted.
 *
 * @param buckets oldest first, one per bucket of the window, empty ones included
 * @param targets targets with at least one attempt in the window
 * @param backlog deliveries waiting now
 */
public record Activity(
    ActivityWindow window, List<Bucket> buckets, List<Target> targets, long backlog) {

  public Activity {
    requireNonNull(window, "window");
    buckets = List.copyOf(buckets);
    targets = List.copyOf(targets);
  }

  /**
   * One bucket.
   *
   * @param succeeded attempts that delivered
   * @param failed attempts that failed, to be retried or dead-lettered
   * @param deadLettered attempts that dead-lettered their delivery
   * @param backlog deliveries waiting at the bucket's last backlog sample; empty when none exists
   */
  public record Bucket(
      Instant start, long succeeded, long failed, long deadLettered, Optional<Long> backlog) {
    public Bucket {
      requireNonNull(start, "start");
      requireNonNull(backlog, "backlog");
    }
  }

  /** One target's attempts over the window, and when the last one started. */
  public record Target(TargetRef target, long succeeded, long failed, Instant lastAttemptAt) {
    public Target {
      requireNonNull(target, "target");
      requireNonNull(lastAttemptAt, "lastAttemptAt");
    }
  }
}
