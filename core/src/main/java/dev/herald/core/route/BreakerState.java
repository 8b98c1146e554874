package dev.herald.core.route;

/** Where a target's circuit breaker stands. */
public enum BreakerState {
  /** Deliveries flow. */
  CLOSED,
  /** The target failed again and again: its deliveries wait, no attempt is made. */
  OPEN,
  /** The open spell is over: one delivery probes the target; its success closes the breaker. */
  HALF_OPEN
}
