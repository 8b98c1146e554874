package dev.herald.core.route;

import dev.herald.core.dispatch.TargetRef;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Targets known to have nothing due before some time, so the router's passes skip their claim and
 * look-up until then, or until something may have given them work (new deliveries, recorded
 * outcomes, an operator). With many quiet endpoints, a pass otherwise costs a statement per target.
 * Callers cap each quiet spell at the poll interval: another process may add work unannounced.
 */
final class QuietTargets {

  private final Map<TargetRef, Instant> until = new ConcurrentHashMap<>();
  private final Map<TargetRef, Long> stirredAt = new ConcurrentHashMap<>();
  private final AtomicLong stirs = new AtomicLong();
  private volatile long allStirredAt = Long.MIN_VALUE;

  /** Returns a mark to pass to {@link #quietUntil}: it tells stirs that came later. */
  long mark() {
    return stirs.get();
  }

  /** Returns whether the target has nothing due before {@code now}'s quiet spell ends. */
  boolean isQuiet(TargetRef target, Instant now) {
    Instant end = until.get(target);
    return end != null && now.isBefore(end);
  }

  /**
   * Records that the target has nothing due before {@code end}, as read after {@code mark}; ignored
   * when the target was stirred since, since what was read may be stale already.
   */
  void quietUntil(TargetRef target, Instant end, long mark) {
    until.put(target, end);
    // Checked after the put: a stir that raced it either sees the entry and removes it, or is seen.
    if (Math.max(allStirredAt, stirredAt.getOrDefault(target, Long.MIN_VALUE)) > mark) {
      until.remove(target);
    }
  }

  /** Records that the targets may have work now. */
  void stirred(Collection<TargetRef> targets) {
    for (TargetRef target : targets) {
      stirredAt.put(target, stirs.incrementAndGet());
      until.remove(target);
    }
  }

  /** Records that any target may have work now. */
  void stirredAll() {
    allStirredAt = stirs.incrementAndGet();
    until.clear();
  }

  /** Returns the earliest end of a quiet spell still running at {@code now}. */
  Optional<Instant> earliestEnd(Instant now) {
    return until.values().stream().filter(now::isBefore).min(Instant::compareTo);
  }
}
