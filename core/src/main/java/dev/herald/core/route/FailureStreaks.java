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
import org.jooq.DSLContext;

/**
 * Keeps each target's failure streak (since when it has done nothing but fail) in the database,
 * written with the batch of outcomes that changed it, and auto-disables a target whose streak is
 * older than the configured period. Costs one statement per batch for the targets that succeeded,
 * and one per failing target plus one read when any failed.
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
    Map<TargetRef, List<AttemptRecord>> byTarget = new LinkedHashMap<>();
    batch.forEach(
        a -> byTarget.computeIfAbsent(a.delivery().target(), t -> new ArrayList<>()).add(a));
    List<TargetRef> succeeded = new ArrayList<>();
    List<TargetRef> failing = new ArrayList<>();
    byTarget.forEach(
        (target, attempts) -> {
          attempts.sort(Comparator.comparing(AttemptRecord::startedAt));
          int lastSuccess = -1;
          for (int i = 0; i < attempts.size(); i++) {
            if (attempts.get(i).next() == DeliveryStatus.SUCCEEDED) {
              lastSuccess = i;
            }
          }
          if (lastSuccess == attempts.size() - 1) {
            succeeded.add(target);
            return;
          }
          AttemptRecord firstFailure = attempts.get(lastSuccess + 1);
          AttemptRecord lastFailure = attempts.get(attempts.size() - 1);
          store.failed(
              tx, target, firstFailure.startedAt(), lastSuccess >= 0, error(lastFailure), now);
          failing.add(target);
        });
    store.succeeded(tx, succeeded, now);
    return failing.isEmpty() ? List.of() : disableExpired(tx, failing, now);
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
