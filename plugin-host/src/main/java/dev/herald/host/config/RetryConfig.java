package dev.herald.host.config;

import static java.util.Objects.requireNonNull;

import dev.herald.core.retry.RetryPolicy;
import java.time.Duration;
import java.util.List;

/**
 * When a failed delivery is tried again: a backoff, each delay spread by a random jitter factor in
 * {@code [1 - jitter, 1 + jitter]}.
 *
 * @param backoff the un-jittered delays
 * @param jitter 0.0 to 1.0
 */
public record RetryConfig(Backoff backoff, double jitter) {

  /** The Standard Webhooks schedule: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h. */
  public static final List<Duration> DEFAULT_SCHEDULE = RetryPolicy.STANDARD_WEBHOOKS_SCHEDULE;

  /** The default jitter: ±20%. */
  public static final double DEFAULT_JITTER = RetryPolicy.DEFAULT_JITTER;

  public RetryConfig {
    requireNonNull(backoff, "backoff");
  }

  /** Returns the Standard Webhooks schedule with ±20% jitter. */
  public static RetryConfig ofDefaults() {
    return new RetryConfig(new Schedule(DEFAULT_SCHEDULE), DEFAULT_JITTER);
  }

  /** Returns the core retry policy this configuration describes. */
  public RetryPolicy toPolicy() {
    return switch (backoff) {
      case Schedule schedule -> RetryPolicy.schedule(schedule.delays(), jitter);
      case Exponential e ->
          RetryPolicy.exponential(e.initial(), e.multiplier(), e.max(), e.maxAttempts(), jitter);
    };
  }

  /** The delays before each retry, as a list or as a formula. */
  public sealed interface Backoff permits Schedule, Exponential {}

  /**
   * Explicit delays: {@code delays.get(i)} precedes retry {@code i + 1}; then dead letter.
   *
   * @param delays each at least zero
   */
  public record Schedule(List<Duration> delays) implements Backoff {
    public Schedule {
      delays = List.copyOf(delays);
    }
  }

  /**
   * Exponential backoff: {@code initial}, multiplied by {@code multiplier} each time, capped at
   * {@code max}, for {@code maxAttempts} attempts in all.
   *
   * @param initial the first delay, above zero
   * @param multiplier at least 1.0
   * @param max the largest delay, at least {@code initial}
   * @param maxAttempts attempts including the first, at least 1
   */
  public record Exponential(Duration initial, double multiplier, Duration max, int maxAttempts)
      implements Backoff {
    public Exponential {
      requireNonNull(initial, "initial");
      requireNonNull(max, "max");
    }
  }
}
