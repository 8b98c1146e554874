package dev.herald.core.route;

import static java.util.Objects.requireNonNull;

import dev.herald.core.dispatch.TargetRef;
import java.time.Instant;
import java.util.Optional;

/**
 * What is stored of a target's failures: since when it has done nothing but fail, and whether that
 * got it auto-disabled.
 *
 * @param failingSince its first failed attempt after its last success; empty while it succeeds
 * @param lastError the latest failure's description
 * @param disabledAt when it was auto-disabled; empty unless it is
 * @param disabledReason why it was auto-disabled; empty unless it is
 */
public record TargetHealth(
    TargetRef target,
    Optional<Instant> failingSince,
    Optional<String> lastError,
    Optional<Instant> disabledAt,
    Optional<String> disabledReason) {

  /** The start of the reason of every auto-disable. */
  public static final String AUTO_DISABLED_REASON_PREFIX = "auto-disabled: ";

  public TargetHealth {
    requireNonNull(target, "target");
    requireNonNull(failingSince, "failingSince");
    requireNonNull(lastError, "lastError");
    requireNonNull(disabledAt, "disabledAt");
    requireNonNull(disabledReason, "disabledReason");
  }

  /** Returns whether the target is auto-disabled. */
  public boolean disabled() {
    return disabledAt.isPresent();
  }
}
