package dev.herald.core.admin;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * What a replay did, or for a dry run would do.
 *
 * @param events events in the window that passed the filters
 * @param reArmed existing deliveries made due again
 * @param created new deliveries for targets that had none for the event
 * @param skippedInFlight deliveries left alone because they were being attempted
 * @param lastDueAt when the last replayed delivery becomes due; empty when there is none
 * @param nextEventId the first event left out because of the event cap; empty when none was
 * @param runId the recorded run's id; 0 when none was recorded (a dry run, or a replay on resume)
 */
public record ReplayResult(
    long events,
    long reArmed,
    long created,
    long skippedInFlight,
    Optional<Instant> lastDueAt,
    Optional<String> nextEventId,
    long runId) {

  public ReplayResult {
    requireNonNull(lastDueAt, "lastDueAt");
    requireNonNull(nextEventId, "nextEventId");
  }

  /** Returns the same result, recorded as the given run. */
  public ReplayResult asRun(long id) {
    return new ReplayResult(events, reArmed, created, skippedInFlight, lastDueAt, nextEventId, id);
  }
}
