package dev.herald.core.route;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * A target's circuit breaker as this node holds it.
 *
 * @param state where it stands
 * @param consecutiveFailures failed attempts in a row counted towards opening it
 * @param openUntil while open, when the next probe may go
 */
public record BreakerStatus(
    BreakerState state, int consecutiveFailures, Optional<Instant> openUntil) {

  /** A breaker that never saw a failure. */
  public static final BreakerStatus CLOSED =
      new BreakerStatus(BreakerState.CLOSED, 0, Optional.empty());

  public BreakerStatus {
    requireNonNull(state, "state");
    requireNonNull(openUntil, "openUntil");
  }
}
