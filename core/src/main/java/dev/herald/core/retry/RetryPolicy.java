package dev.herald.core.retry;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When to try a failed delivery again: a schedule of delays (delay {@code i} precedes attempt
 * {@code i + 2}), each spread by a random jitter factor, and a dead letter once the schedule runs
 * out. Exponential backoff is the same thing with a computed schedule.
 */
public final class RetryPolicy {

  /** The Standard Webhooks schedule: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h. */
  public static final List<Duration> STANDARD_WEBHOOKS_SCHEDULE =
      List.of(
          Duration.ofSeconds(5),
          Duration.ofMinutes(5),
          Duration.ofMinutes(30),
          Duration.ofHours(2),
          Duration.ofHours(5),
          Duration.ofHours(10),
          Duration.ofHours(14),
          Duration.ofHours(20),
          Duration.ofHours(24));

  /** The longest delay a schedule may hold; keeps jittered arithmetic far from overflow. */
  public static final Duration MAX_DELAY = Duration.ofDays(365);

  /** The default jitter: each delay lands within ±20% of the schedule. */
  public static final double DEFAULT_JITTER = 0.2;

  private final List<Duration> schedule;
  private final double jitter;

  private RetryPolicy(List<Duration> schedule, double jitter) {
    this.schedule = List.copyOf(schedule);
    this.jitter = jitter;
  }

  /** Returns the Standard Webhooks schedule with ±20% jitter: 10 attempts in about 3 days. */
  public static RetryPolicy ofDefaults() {
    return schedule(STANDARD_WEBHOOKS_SCHEDULE, DEFAULT_JITTER);
  }

  /**
   * Returns a policy that waits {@code delays.get(i)} (jittered) before attempt {@code i + 2}.
   *
   * @param jitter 0 for exact delays, up to 1 for a delay anywhere in {@code [0, 2 × delay]}
   */
  public static RetryPolicy schedule(List<Duration> delays, double jitter) {
    requireNonNull(delays, "delays");
    for (int i = 0; i < delays.size(); i++) {
      Duration delay = requireNonNull(delays.get(i), "delays[" + i + "]");
      if (delay.isNegative() || delay.compareTo(MAX_DELAY) > 0) {
        throw new IllegalArgumentException(
            "delays[" + i + "]: " + delay + " (expected: 0 to " + MAX_DELAY + ")");
      }
    }
    if (!(jitter >= 0.0 && jitter <= 1.0)) {
      throw new IllegalArgumentException("jitter: " + jitter + " (expected: 0.0 to 1.0)");
    }
    return new RetryPolicy(delays, jitter);
  }

  /**
   * Returns exponential backoff: {@code initial}, then × {@code multiplier} each time, capped at
   * {@code max}, for {@code maxAttempts} attempts in all.
   */
  public static RetryPolicy exponential(
      Duration initial, double multiplier, Duration max, int maxAttempts, double jitter) {
    requireNonNull(initial, "initial");
    requireNonNull(max, "max");
    if (initial.isNegative() || initial.isZero()) {
      throw new IllegalArgumentException("initial: " + initial + " (expected: > 0)");
    }
    if (!(multiplier >= 1.0)) {
      throw new IllegalArgumentException("multiplier: " + multiplier + " (expected: >= 1.0)");
    }
    if (max.compareTo(initial) < 0 || max.compareTo(MAX_DELAY) > 0) {
      throw new IllegalArgumentException(
          "max: " + max + " (expected: initial " + initial + " to " + MAX_DELAY + ")");
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts: " + maxAttempts + " (expected: >= 1)");
    }
    List<Duration> delays = new ArrayList<>(maxAttempts - 1);
    double nanos = initial.toNanos();
    for (int i = 1; i < maxAttempts; i++) {
      delays.add(Duration.ofNanos((long) Math.min(nanos, max.toNanos())));
      nanos *= multiplier;
    }
    return schedule(delays, jitter);
  }

  /** Returns how many attempts a delivery gets before it is dead-lettered. */
  public int maxAttempts() {
    return schedule.size() + 1;
  }

  /** Returns the un-jittered delays. */
  public List<Duration> schedule() {
    return schedule;
  }

  /** Returns the jitter fraction. */
  public double jitter() {
    return jitter;
  }

  /**
   * Returns how long to wait after attempt {@code failedAttempt} failed, or empty when it was the
   * last one. A target's own hint (e.g. {@code Retry-After}) is honoured as a lower bound.
   */
  public Optional<Duration> delayAfter(
      int failedAttempt, Optional<Duration> targetHint, RandomGenerator random) {
    if (failedAttempt < 1) {
      throw new IllegalArgumentException("failedAttempt: " + failedAttempt + " (expected: >= 1)");
    }
    if (failedAttempt > schedule.size()) {
      return Optional.empty();
    }
    Duration base = schedule.get(failedAttempt - 1);
    double factor = 1.0 - jitter + 2.0 * jitter * random.nextDouble();
    Duration jittered = Duration.ofNanos((long) (base.toNanos() * factor));
    return Optional.of(targetHint.filter(hint -> hint.compareTo(jittered) > 0).orElse(jittered));
  }

  @Override
  public String toString() {
    return "RetryPolicy{schedule=" + schedule + ", jitter=" + jitter + '}';
  }
}
