package dev.herald.host.config;

import static java.util.Objects.requireNonNull;

import dev.herald.core.route.BreakerSettings;
import dev.herald.core.route.RouterSettings;
import java.time.Duration;

/**
 * The router: how it claims work, how much it runs at once, and when it retries.
 *
 * @param pollInterval how often the router polls even without a wake-up
 * @param lease how long a claimed delivery stays claimed if its worker dies
 * @param batchSize rows per claim and per group commit
 * @param maxInFlight attempts under way at once, all targets together
 * @param responseExcerptBytes how much of a response body the attempt log keeps
 * @param retry when a failed delivery is tried again
 * @param circuitBreaker when a target that keeps failing stops being attempted for a while
 * @param autoDisableAfter how long a target may do nothing but fail before it is disabled; zero
 *     (config {@code off}) never disables one
 * @param stuckAfter how long a delivery may be due before its target counts as stuck
 */
public record DeliveryConfig(
    Duration pollInterval,
    Duration lease,
    int batchSize,
    int maxInFlight,
    int responseExcerptBytes,
    RetryConfig retry,
    BreakerSettings circuitBreaker,
    Duration autoDisableAfter,
    Duration stuckAfter) {

  /** The default stuck threshold: due work untaken for this long means something is wrong. */
  public static final Duration DEFAULT_STUCK_AFTER = Duration.ofMinutes(15);

  public DeliveryConfig {
    requireNonNull(autoDisableAfter, "autoDisableAfter");
    requireNonNull(pollInterval, "pollInterval");
    requireNonNull(lease, "lease");
    requireNonNull(retry, "retry");
    requireNonNull(circuitBreaker, "circuitBreaker");
    requireNonNull(stuckAfter, "stuckAfter");
  }

  /**
   * Creates a delivery config that auto-disables after the default period and has the default stuck
   * threshold.
   */
  public DeliveryConfig(
      Duration pollInterval,
      Duration lease,
      int batchSize,
      int maxInFlight,
      int responseExcerptBytes,
      RetryConfig retry,
      BreakerSettings circuitBreaker) {
    this(
        pollInterval,
        lease,
        batchSize,
        maxInFlight,
        responseExcerptBytes,
        retry,
        circuitBreaker,
        RouterSettings.DEFAULT_AUTO_DISABLE_AFTER,
        DEFAULT_STUCK_AFTER);
  }

  /** Creates a delivery config with the default circuit breaker. */
  public DeliveryConfig(
      Duration pollInterval,
      Duration lease,
      int batchSize,
      int maxInFlight,
      int responseExcerptBytes,
      RetryConfig retry) {
    this(
        pollInterval,
        lease,
        batchSize,
        maxInFlight,
        responseExcerptBytes,
        retry,
        BreakerSettings.ofDefaults(),
        RouterSettings.DEFAULT_AUTO_DISABLE_AFTER,
        DEFAULT_STUCK_AFTER);
  }

  /** Returns the router's settings: this config's, with the default shutdown grace. */
  public RouterSettings routerSettings() {
    return new RouterSettings(
        pollInterval,
        lease,
        batchSize,
        maxInFlight,
        RouterSettings.ofDefaults().shutdownGrace(),
        circuitBreaker,
        autoDisableAfter);
  }

  /**
   * Returns the defaults: poll every second, 2-minute lease, batches of 100, 256 in flight,
   * auto-disable after 5 days of nothing but failures.
   */
  public static DeliveryConfig ofDefaults() {
    return new DeliveryConfig(
        Duration.ofSeconds(1), Duration.ofMinutes(2), 100, 256, 1024, RetryConfig.ofDefaults());
  }
}
