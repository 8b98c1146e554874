package dev.herald.core.retention;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * How long each kind of row is kept; empty means forever.
 *
 * @param succeeded delivered deliveries, from when they succeeded
 * @param dead dead letters, discarded ones included, from when they died (or were discarded)
 * @param events stored events, from when they were stored; an event goes only once none of its
 *     deliveries is left
 * @param attemptLogs attempt log rows, from when the attempt started; a delivery's log also goes
 *     with the delivery
 */
public record RetentionPolicy(
    Optional<Duration> succeeded,
    Optional<Duration> dead,
    Optional<Duration> events,
    Optional<Duration> attemptLogs) {

  public RetentionPolicy {
    requirePositive("succeeded", succeeded);
    requirePositive("dead", dead);
    requirePositive("events", events);
    requirePositive("attempt_logs", attemptLogs);
  }

  /** Returns succeeded 7 days, dead 30 days, events 30 days, attempt logs 30 days. */
  public static RetentionPolicy ofDefaults() {
    return new RetentionPolicy(
        Optional.of(Duration.ofDays(7)),
        Optional.of(Duration.ofDays(30)),
        Optional.of(Duration.ofDays(30)),
        Optional.of(Duration.ofDays(30)));
  }

  /** Returns a policy that keeps everything forever. */
  public static RetentionPolicy keepForever() {
    return new RetentionPolicy(
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  private static void requirePositive(String name, Optional<Duration> keep) {
    requireNonNull(keep, name);
    keep.ifPresent(
        value -> {
          if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: > 0 or forever)");
          }
        });
  }
}
