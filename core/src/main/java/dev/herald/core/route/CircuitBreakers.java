package dev.herald.core.route;

import static java.util.Objects.requireNonNull;

import dev.herald.core.dispatch.TargetRef;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A circuit breaker per target, in this node's memory. {@code failureThreshold} consecutive failed
 * attempts open it: the router claims nothing for the target, so its deliveries wait in the
 * database without using attempts or capacity. After {@code openFor} (on the injected clock) it is
 * half-open: one delivery is claimed as a probe; its success closes the breaker, its failure opens
 * it again. Outcomes of attempts that started before the breaker opened do not count.
 */
final class CircuitBreakers {

  private static final class Breaker {
    BreakerState state = BreakerState.CLOSED;
    int failures;
    Instant openUntil;
    long probe = -1; // the delivery probing a half-open breaker, -1 while none is claimed
  }

  private final BreakerSettings settings;
  private final Map<TargetRef, Breaker> breakers = new HashMap<>();

  CircuitBreakers(BreakerSettings settings) {
    this.settings = requireNonNull(settings, "settings");
  }

  /**
   * Returns how many deliveries may be claimed for the target now: any number while closed, one
   * probe once an open spell is over, none while open or while a probe is under way.
   */
  synchronized int claimable(TargetRef target, Instant now) {
    Breaker breaker = breakers.get(target);
    if (breaker == null || breaker.state == BreakerState.CLOSED) {
      return Integer.MAX_VALUE;
    }
    if (breaker.state == BreakerState.OPEN && !now.isBefore(breaker.openUntil)) {
      breaker.state = BreakerState.HALF_OPEN;
      breaker.probe = -1;
    }
    return breaker.state == BreakerState.HALF_OPEN && breaker.probe < 0 ? 1 : 0;
  }

  /** Records that {@code deliveryId} was claimed for the target (the probe, when half-open). */
  synchronized void claimed(TargetRef target, long deliveryId) {
    Breaker breaker = breakers.get(target);
    if (breaker != null && breaker.state == BreakerState.HALF_OPEN && breaker.probe < 0) {
      breaker.probe = deliveryId;
    }
  }

  /**
   * Returns whether the delivery may be attempted now: any while closed, only the probe while
   * half-open, none while open. A delivery claimed before its breaker opened may still reach its
   * lane after the lane was drained; it is given back instead.
   */
  synchronized boolean admits(TargetRef target, long deliveryId) {
    Breaker breaker = breakers.get(target);
    return breaker == null || counts(breaker, deliveryId);
  }

  /** Records that the target answered the delivery (accepted or refused it for good). */
  synchronized void answered(TargetRef target, long deliveryId) {
    Breaker breaker = breakers.get(target);
    if (breaker == null || !counts(breaker, deliveryId)) {
      return;
    }
    breakers.remove(target); // closed, no failures
  }

  /**
   * Records that the attempt at the delivery failed (an error, a timeout or a retryable answer).
   *
   * @return true when this failure has just opened the breaker
   */
  synchronized boolean failed(TargetRef target, long deliveryId, Instant now) {
    Breaker breaker = breakers.computeIfAbsent(target, t -> new Breaker());
    if (!counts(breaker, deliveryId)) {
      return false;
    }
    breaker.failures++;
    if (breaker.state == BreakerState.HALF_OPEN
        || breaker.failures >= settings.failureThreshold()) {
      breaker.state = BreakerState.OPEN;
      breaker.openUntil = now.plus(settings.openFor());
      breaker.probe = -1;
      return true;
    }
    return false;
  }

  /** Records that the delivery was given back unattempted: a half-open breaker may probe again. */
  synchronized void released(TargetRef target, long deliveryId) {
    Breaker breaker = breakers.get(target);
    if (breaker != null && breaker.probe == deliveryId) {
      breaker.probe = -1;
    }
  }

  /** Returns whether an outcome of the delivery moves the breaker: not while open. */
  private static boolean counts(Breaker breaker, long deliveryId) {
    return switch (breaker.state) {
      case CLOSED -> true;
      case OPEN -> false;
      case HALF_OPEN -> breaker.probe == deliveryId;
    };
  }

  /** Returns the target's breaker at {@code now}. */
  synchronized BreakerStatus status(TargetRef target, Instant now) {
    Breaker breaker = breakers.get(target);
    if (breaker == null) {
      return BreakerStatus.CLOSED;
    }
    if (breaker.state == BreakerState.OPEN && now.isBefore(breaker.openUntil)) {
      return new BreakerStatus(BreakerState.OPEN, breaker.failures, Optional.of(breaker.openUntil));
    }
    BreakerState state =
        breaker.state == BreakerState.OPEN ? BreakerState.HALF_OPEN : breaker.state;
    return new BreakerStatus(state, breaker.failures, Optional.empty());
  }

  /** Returns the earliest end of an open spell after {@code now}: the router looks again then. */
  synchronized Optional<Instant> earliestEnd(Instant now) {
    return breakers.values().stream()
        .filter(b -> b.state == BreakerState.OPEN && now.isBefore(b.openUntil))
        .map(b -> b.openUntil)
        .min(Instant::compareTo);
  }
}
