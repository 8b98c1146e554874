package dev.herald.core.route;

import static java.util.Objects.requireNonNull;

import dev.herald.core.dispatch.TargetRef;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jooq.DSLContext;

/**
 * Keeps each target's failure streak (since when it has done nothing but fail) in the database,
 * written with the batch of outcomes that changed it, and auto-disables a target whose streak is
 * older than the configured period. A batch where every target's last attempt succeeded costs one
 * statement; one with failures costs a statement per target plus one read.
 */
final class FailureStreaks {

  private static final int MAX_ERROR_CHARS = 300;

  /** A target this batch auto-disabled, and why. */
  record Disabled(TargetRef target, String reason) {}

  private final TargetHealthStore store;
  private final Duration autoDisableAfter;
  private final Clock clock;

  /**
   * Creates the tracking.
   *
   * @param autoDisableAfter how long a streak may last; zero turns tracking and auto-disable off
   */
  FailureStreaks(TargetHealthStore store, Duration autoDisableAfter, Clock clock) {
    this.store = requireNonNull(store, "store");
    this.autoDisableAfter = requireNonNull(autoDisableAfter, "autoDisableAfter");
    this.clock = requireNonNull(clock, "clock");
  }

  /**
   * Writes the streaks the batch changed, in the batch's transaction, and returns the targets it
   * auto-disabled; the caller applies those once the transaction committed.
   */
  List<Disabled> record(DSLContext tx, List<AttemptRecord> batch) {
    if (autoDisableAfter.isZero() || batch.isEmpty()) {
      return List.of();
    }
    Instant now = clock.instant();
    // In key order, so that two nodes recording at once lock the rows of failing targets in the
    // same order on PostgreSQL rather than deadlock over them.
    Map<TargetRef, List<AttemptRecord>> byTarget =
        new TreeMap<>(Comparator.comparing(TargetRef::key));
    batch.forEach(
        a -> byTarget.computeIfAbsent(a.delivery().target(), t -> new ArrayList<>()).add(a));
    Map<TargetRef, Optional<Streak>> streaks = new LinkedHashMap<>();
    byTarget.forEach((target, attempts) -> streaks.put(target, streak(attempts)));
    List<TargetRef> failing =
        streaks.entrySet().stream()
            .filter(e -> e.getValue().isPresent())
            .map(Map.Entry::getKey)
            .toList();
    if (failing.isEmpty()) {
      store.succeeded(tx, streaks.keySet(), now); // the hot path: one statement
      return List.of();
    }
    streaks.forEach(
        (target, streak) -> {
          if (streak.isEmpty()) {
            store.succeeded(tx, List.of(target), now);
          } else {
            Streak s = streak.get();
            store.failed(tx, target, s.since(), s.restarted(), s.lastError(), now);
          }
        });
    return disableExpired(tx, failing, now);
  }

  /** Failures that end a target's part of a batch: since when, after a success or not, why. */
  private record Streak(Instant since, boolean restarted, String lastError) {}

  /**
   * Returns the failures at the end of the target's attempts; empty when the last one succeeded.
   */
  private static Optional<Streak> streak(List<AttemptRecord> attempts) {
    attempts.sort(Comparator.comparing(AttemptRecord::startedAt));
    int lastSuccess = -1;
    for (int i = 0; i < attempts.size(); i++) {
      if (attempts.get(i).next() == DeliveryStatus.SUCCEEDED) {
        lastSuccess = i;
      }
    }
    if (lastSuccess == attempts.size() - 1) {
      return Optional.empty();
    }
    return Optional.of(
        new Streak(
            attempts.get(lastSuccess + 1).startedAt(),
            lastSuccess >= 0,
            error(attempts.get(attempts.size() - 1))));
  }

  private List<Disabled> disableExpired(DSLContext tx, List<TargetRef> failing, Instant now) {
    List<Disabled> disabled = new ArrayList<>();
    for (TargetHealth health : store.find(tx, failing).values()) {
      if (health.disabled() || health.failingSince().isEmpty()) {
        continue;
      }
      Instant since = health.failingSince().get();
      if (Duration.between(since, now).compareTo(autoDisableAfter) < 0) {
        continue;
      }
      String reason =
          TargetHealth.AUTO_DISABLED_REASON_PREFIX
              + "only failures since "
              + since
              + " (last error: "
              + health.lastError().orElse("unknown")
              + ")";
      if (store.disable(tx, health.target(), reason, now)) {
        disabled.add(new Disabled(health.target(), reason));
      }
    }
    return disabled;
  }

  private static String error(AttemptRecord attempt) {
    String error = attempt.lastError() != null ? attempt.lastError() : attempt.logOutcome();
    return error.length() <= MAX_ERROR_CHARS ? error : error.substring(0, MAX_ERROR_CHARS) + "...";
  }
}
