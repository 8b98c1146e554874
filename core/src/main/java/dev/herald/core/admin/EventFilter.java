package dev.herald.core.admin;

import static java.util.Objects.requireNonNull;

import dev.herald.core.envelope.EventTypePattern;
import java.time.Instant;
import java.util.Optional;

/**
 * Selects stored events; every empty field selects everything, and the fields combine (AND).
 *
 * @param eventId exactly this event id
 * @param subjectType the subject's type, exactly
 * @param subjectId the subject's id, exactly
 * @param correlationId exactly this correlation id
 * @param occurredAfter inclusive
 * @param occurredBefore exclusive
 * @param realms the events' realms
 */
public record EventFilter(
    Optional<String> eventId,
    Optional<EventTypePattern> eventType,
    Optional<String> subjectType,
    Optional<String> subjectId,
    Optional<String> correlationId,
    Optional<Instant> occurredAfter,
    Optional<Instant> occurredBefore,
    Realms realms) {

  public EventFilter {
    requireNonNull(eventId, "eventId");
    requireNonNull(eventType, "eventType");
    requireNonNull(subjectType, "subjectType");
    requireNonNull(subjectId, "subjectId");
    requireNonNull(correlationId, "correlationId");
    requireNonNull(occurredAfter, "occurredAfter");
    requireNonNull(occurredBefore, "occurredBefore");
    requireNonNull(realms, "realms");
  }

  /** Returns a filter that selects every event of the given realms. */
  public static EventFilter of(Realms realms) {
    return new EventFilter(
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        realms);
  }
}
