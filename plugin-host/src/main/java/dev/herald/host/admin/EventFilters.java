package dev.herald.host.admin;

import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Timestamps;
import dev.herald.core.admin.AdminException;
import dev.herald.core.admin.EventFilter;
import dev.herald.core.admin.Realms;
import dev.herald.core.admin.WebhookRules;
import dev.herald.core.envelope.EventTypePattern;
import dev.herald.core.envelope.FieldViolation;
import dev.herald.proto.admin.v1.ListEventsRequest;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The event filters of {@code ListEvents}, read from its request: shared by the list, the REST
 * export and {@code herald export}, so the three select alike.
 */
public final class EventFilters {

  private EventFilters() {}

  /**
   * Returns the filter the request's fields describe (page fields aside), with the realms {@code
   * scope} gives once the fields are valid.
   *
   * @throws AdminException naming every bad field
   */
  public static EventFilter of(ListEventsRequest req, Supplier<Realms> scope) {
    List<FieldViolation> found = new ArrayList<>();
    Optional<EventTypePattern> pattern =
        req.getEventType().isEmpty()
            ? Optional.empty()
            : Optional.ofNullable(WebhookRules.pattern("event_type", req.getEventType(), found));
    TimeWindow occurred =
        TimeWindow.of(
            "occurred_after",
            req.hasOccurredAfter() ? Optional.of(req.getOccurredAfter()) : Optional.empty(),
            "occurred_before",
            req.hasOccurredBefore() ? Optional.of(req.getOccurredBefore()) : Optional.empty(),
            found);
    if (!found.isEmpty()) {
      throw AdminException.invalid(found);
    }
    return new EventFilter(
        given(req.getEventId()),
        pattern,
        given(req.getSubjectType()),
        given(req.getSubjectId()),
        given(req.getCorrelationId()),
        occurred.after(),
        occurred.before(),
        scope.get());
  }

  /**
   * Returns the time an RFC 3339 text gives, e.g. {@code 2026-01-31T12:00:00Z}.
   *
   * @throws AdminException naming {@code field} when the text is no such time
   */
  public static Timestamp time(String field, String text) {
    try {
      return Timestamps.parse(text);
    } catch (ParseException e) {
      throw AdminException.invalid(
          field, "'" + text + "' (expected: an RFC 3339 time such as 2026-01-31T12:00:00Z)");
    }
  }

  /** Returns the value of a string filter, empty when the request leaves it unset. */
  private static Optional<String> given(String value) {
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }
}
