package dev.herald.core.admin;

import static java.util.Objects.requireNonNull;

import dev.herald.core.dispatch.TargetRef;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Decides which targets are stuck: a delivery of theirs has been due for longer than {@code after}
 * and nobody holds them (a paused or disabled target's work waits on purpose). A stuck target means
 * the router is not taking due work: it is down, overloaded, or a target's breaker or rate limit
 * holds more than it lets through.
 */
public final class StuckTargets {

  private final Duration after;
  private final Supplier<Set<TargetRef>> held;

  /**
   * Creates the rule.
   *
   * @param after how long a delivery may be due before its target counts as stuck
   * @param held the targets whose deliveries wait on purpose
   */
  public StuckTargets(Duration after, Supplier<Set<TargetRef>> held) {
    this.after = requireNonNull(after, "after");
    this.held = requireNonNull(held, "held");
    if (after.isNegative() || after.isZero()) {
      throw new IllegalArgumentException("after: " + after + " (expected: > 0)");
    }
  }

  /** Returns how long a delivery may be due before its target counts as stuck. */
  public Duration after() {
    return after;
  }

  /** Returns whether the target with these stats is stuck at {@code now}. */
  public boolean stuck(TargetRef target, TargetStats stats, Instant now) {
    return overdue(stats, now) && !held.get().contains(target);
  }

  /** Returns the stored keys of the stuck targets among {@code stats}, sorted. */
  public List<String> stuck(Map<String, TargetStats> stats, Instant now) {
    Set<TargetRef> holding = held.get();
    return stats.entrySet().stream()
        .filter(e -> overdue(e.getValue(), now))
        .map(Map.Entry::getKey)
        .filter(key -> !holding.contains(TargetRef.parse(key)))
        .sorted()
        .toList();
  }

  private boolean overdue(TargetStats stats, Instant now) {
    return stats.oldestDueAge(now).filter(age -> age.compareTo(after) > 0).isPresent();
  }
}
