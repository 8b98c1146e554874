package dev.herald.core.admin;

import static java.util.Objects.requireNonNull;

import dev.herald.core.dispatch.TargetRef;
import dev.herald.core.envelope.EventTypePattern;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Which stored events to deliver again, to whom and how fast.
 *
 * @param fromTime events that occurred at or after this time (or use {@code fromEventId})
 * @param fromEventId this event and every event stored after it
 * @param toTime events that occurred before this time
 * @param eventTypes only events of these patterns; every type when empty
 * @param realms only events of these realms
 * @param target only to this target; every current subscriber when empty
 * @param dryRun count only, change nothing
 * @param ratePerSecond at most this many deliveries become due per second
 * @param maxEvents at most this many events
 */
public record ReplayRequest(
    Optional<Instant> fromTime,
    Optional<String> fromEventId,
    Instant toTime,
    List<EventTypePattern> eventTypes,
    Realms realms,
    Optional<TargetRef> target,
    boolean dryRun,
    int ratePerSecond,
    int maxEvents) {

  public ReplayRequest {
    requireNonNull(fromTime, "fromTime");
    requireNonNull(fromEventId, "fromEventId");
    requireNonNull(toTime, "toTime");
    eventTypes = List.copyOf(eventTypes);
    requireNonNull(realms, "realms");
    requireNonNull(target, "target");
    if (fromTime.isPresent() == fromEventId.isPresent()) {
      throw new IllegalArgumentException("exactly one of fromTime and fromEventId (expected: one)");
    }
    if (ratePerSecond < 1 || maxEvents < 1) {
      throw new IllegalArgumentException(
          "ratePerSecond: " + ratePerSecond + ", maxEvents: " + maxEvents + " (expected: >= 1)");
    }
  }
}
