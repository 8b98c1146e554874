package dev.herald.core.admin;

import static dev.herald.core.store.jooq.Tables.EVENT_OUTBOX;
import static java.util.Objects.requireNonNull;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.herald.core.store.Database;
import dev.herald.proto.event.v1.EventEnvelope;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Record3;
import org.jooq.ResultQuery;
import org.jooq.impl.DSL;

/**
 * Finds stored events by what operators know of them (id, type, subject, correlation id, time,
 * realm), newest first, each with its deliveries. Reads only: one query for a page of events and
 * one for all their deliveries.
 */
public final class EventSearch {

  private final Database database;
  private final DeliveryQueries deliveries;

  /** Creates the search on the given database. */
  public EventSearch(Database database, DeliveryQueries deliveries) {
    this.database = requireNonNull(database, "database");
    this.deliveries = requireNonNull(deliveries, "deliveries");
  }

  /** Returns one page of the events the filter selects, newest first (by storage order). */
  public Page<StoredEvent> list(EventFilter filter, PageRequest page) {
    ResultQuery<Record3<Long, byte[], Long>> query = query(filter, page);
    List<Record3<Long, byte[], Long>> fetched = database.read(ctx -> ctx.fetch(query));
    Page<Record3<Long, byte[], Long>> rows =
        Page.of(fetched, page.size(), row -> Long.toString(row.value1()));
    Map<Long, List<DeliveryView>> sent =
        deliveries.ofOutboxRows(rows.items().stream().map(Record3::value1).toList());
    return new Page<>(
        rows.items().stream()
            .map(
                row ->
                    new StoredEvent(
                        parse(row.value1(), row.value2()),
                        Instant.ofEpochMilli(row.value3()),
                        sent.getOrDefault(row.value1(), List.of())))
            .toList(),
        rows.nextPageToken());
  }

  /** Returns the query of one page of events, with one row more to learn whether more exist. */
  static ResultQuery<Record3<Long, byte[], Long>> query(EventFilter filter, PageRequest page) {
    Condition condition = condition(filter);
    Optional<Long> after = page.afterId();
    if (after.isPresent()) {
      condition = condition.and(EVENT_OUTBOX.ID.lt(after.get()));
    }
    return DSL.select(EVENT_OUTBOX.ID, EVENT_OUTBOX.ENVELOPE, EVENT_OUTBOX.CREATED_AT)
        .from(EVENT_OUTBOX)
        .where(condition)
        .orderBy(EVENT_OUTBOX.ID.desc())
        .limit(page.size() + 1);
  }

  /** Returns the SQL condition of a filter on {@code event_outbox}; the export pages by it too. */
  static Condition condition(EventFilter filter) {
    Condition condition = DSL.trueCondition();
    if (filter.eventId().isPresent()) {
      condition = condition.and(EVENT_OUTBOX.EVENT_ID.eq(filter.eventId().get()));
    }
    if (filter.eventType().isPresent()) {
      condition = condition.and(DeliveryQueries.eventTypeCondition(filter.eventType().get()));
    }
    if (filter.subjectType().isPresent()) {
      condition = condition.and(EVENT_OUTBOX.SUBJECT_TYPE.eq(filter.subjectType().get()));
    }
    if (filter.subjectId().isPresent()) {
      condition = condition.and(EVENT_OUTBOX.SUBJECT_ID.eq(filter.subjectId().get()));
    }
    if (filter.correlationId().isPresent()) {
      condition = condition.and(EVENT_OUTBOX.CORRELATION_ID.eq(filter.correlationId().get()));
    }
    if (filter.occurredAfter().isPresent()) {
      condition =
          condition.and(EVENT_OUTBOX.OCCURRED_AT.ge(filter.occurredAfter().get().toEpochMilli()));
    }
    if (filter.occurredBefore().isPresent()) {
      condition =
          condition.and(EVENT_OUTBOX.OCCURRED_AT.lt(filter.occurredBefore().get().toEpochMilli()));
    }
    if (filter.realms().only().isPresent()) {
      condition = condition.and(EVENT_OUTBOX.REALM_ID.in(filter.realms().only().get()));
    }
    return condition;
  }

  /** Returns a stored envelope; a row that does not parse was damaged outside Herald. */
  static EventEnvelope parse(long outboxId, byte[] bytes) {
    try {
      return EventEnvelope.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      // Only validated envelopes are stored, so this means the row was damaged outside Herald.
      throw new IllegalStateException(
          "event_outbox row " + outboxId + ": envelope does not parse", e);
    }
  }
}
