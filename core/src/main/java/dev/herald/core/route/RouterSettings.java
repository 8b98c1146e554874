package dev.herald.core.route;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How the router works.
 *
 * @param pollInterval longest wait between two looks at the database when nobody wakes the router
 *     (another process may append to the same database)
 * @param lease how long a claimed delivery stays with this worker before it counts as abandoned
 * @param batchSize the most rows routed, claimed or recorded in one transaction
 * @param maxInFlight the most attempts under way or waiting in memory, all targets together
 * @param shutdownGrace how long shutdown waits for attempts under way before releasing them
 * @param breaker when a target's circuit breaker opens
 * @param autoDisableAfter how long a target may do nothing but fail before it is disabled; zero
 *     never disables one
 */
public record RouterSettings(
    Duration pollInterval,
    Duration lease,
    int batchSize,
    int maxInFlight,
    Duration shutdownGrace,
    BreakerSettings breaker,
    Duration autoDisableAfter) {

  /** How long a target may do nothing but fail when nothing says otherwise, as Svix does. */
  public static final Duration DEFAULT_AUTO_DISABLE_AFTER = Duration.ofDays(5);

  public RouterSettings {
    requireNonNull(pollInterval, "pollInterval");
    requireNonNull(breaker, "breaker");
    requireNonNull(lease, "lease");
    requireNonNull(shutdownGrace, "shutdownGrace");
    requireNonNull(autoDisableAfter, "autoDisableAfter");
    if (autoDisableAfter.isNegative()) {
      throw new IllegalArgumentException(
          "autoDisableAfter: " + autoDisableAfter + " (expected: >= 0, 0 for never)");
    }
    requirePositive("pollInterval", pollInterval);
    requirePositive("lease", lease);
    if (shutdownGrace.isNegative()) {
      throw new IllegalArgumentException("shutdownGrace: " + shutdownGrace + " (expected: >= 0)");
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize: " + batchSize + " (expected: >= 1)");
    }
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight: " + maxInFlight + " (expected: >= 1)");
    }
  }

  /** Creates settings that auto-disable after the default period. */
  public RouterSettings(
      Duration pollInterval,
      Duration lease,
      int batchSize,
      int maxInFlight,
      Duration shutdownGrace,
      BreakerSettings breaker) {
    this(
        pollInterval,
        lease,
        batchSize,
        maxInFlight,
        shutdownGrace,
        breaker,
        DEFAULT_AUTO_DISABLE_AFTER);
  }

  /** Creates settings with the default circuit breaker. */
  public RouterSettings(
      Duration pollInterval,
      Duration lease,
      int batchSize,
      int maxInFlight,
      Duration shutdownGrace) {
    this(pollInterval, lease, batchSize, maxInFlight, shutdownGrace, BreakerSettings.ofDefaults());
  }

  /**
   * Returns poll 1 s, lease 2 min, batches of 100, 256 in flight, 10 s shutdown grace, the default
   * circuit breaker, auto-disable after 5 days of nothing but failures.
   */
  public static RouterSettings ofDefaults() {
    return new RouterSettings(
        Duration.ofSeconds(1), Duration.ofMinutes(2), 100, 256, Duration.ofSeconds(10));
  }

  /** Returns these settings with another circuit breaker. */
  public RouterSettings withBreaker(BreakerSettings breaker) {
    return new RouterSettings(
        pollInterval, lease, batchSize, maxInFlight, shutdownGrace, breaker, autoDisableAfter);
  }

  /** Returns these settings with another auto-disable period; zero never disables a target. */
  public RouterSettings withAutoDisableAfter(Duration autoDisableAfter) {
    return new RouterSettings(
        pollInterval, lease, batchSize, maxInFlight, shutdownGrace, breaker, autoDisableAfter);
  }

  private static void requirePositive(String name, Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + ": " + value + " (expected: > 0)");
    }
  }
}
