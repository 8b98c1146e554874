package dev.herald.core.envelope;

import dev.herald.proto.event.v1.EventEnvelope;

/**
 * The envelope fields events are searched by, as the outbox stores them beside the envelope: null
 * where the envelope leaves one empty, so the partial indexes on them hold only events that have
 * one.
 */
public record SearchFields(String subjectType, String subjectId, String correlationId) {

  /** Returns the search fields of {@code event}. */
  public static SearchFields of(EventEnvelope event) {
    return new SearchFields(
        nullIfEmpty(event.getSubject().getType()),
        nullIfEmpty(event.getSubject().getId()),
        nullIfEmpty(event.getCorrelationId()));
  }

  /** Returns whether every field is null: nothing to store. */
  public boolean isEmpty() {
    return subjectType == null && subjectId == null && correlationId == null;
  }

  private static String nullIfEmpty(String value) {
    return value.isEmpty() ? null : value;
  }
}
