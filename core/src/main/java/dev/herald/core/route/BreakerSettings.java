package dev.herald.core.route;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * When a target's circuit breaker opens and for how long.
 *
 * @param failureThreshold consecutive failed attempts (errors, timeouts, retryable answers) that
 *     open the breaker
 * @param openFor how long an open breaker holds the target's deliveries before one probe
 */
public record BreakerSettings(int failureThreshold, Duration openFor) {

  public BreakerSettings {
    requireNonNull(openFor, "openFor");
    if (failureThreshold < 1) {
      throw new IllegalArgumentException(
          "failureThreshold: " + failureThreshold + " (expected: >= 1)");
    }
    if (openFor.isNegative() || openFor.isZero()) {
      throw new IllegalArgumentException("openFor: " + openFor + " (expected: > 0)");
    }
  }

  /** Returns the defaults: open after 10 consecutive failures, for 30 s. */
  public static BreakerSettings ofDefaults() {
    return new BreakerSettings(10, Duration.ofSeconds(30));
  }
}
