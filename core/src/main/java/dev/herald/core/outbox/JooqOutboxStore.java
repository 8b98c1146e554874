package dev.herald.core.outbox;

import static dev.herald.core.store.jooq.Tables.EVENT_OUTBOX;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.herald.core.store.jooq.tables.records.EventOutboxRecord;
import dev.herald.proto.event.v1.EventEnvelope;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.InsertValuesStep7;

/** Stores the outbox through jOOQ; one multi-row insert per batch. */
public final class JooqOutboxStore implements OutboxStore {

  @Override
  public int append(DSLContext tx, Collection<EventEnvelope> events, Instant now) {
    if (events.isEmpty()) {
      return 0;
    }
    long createdAt = now.toEpochMilli();
    InsertValuesStep7<EventOutboxRecord, String, String, Long, String, Long, byte[], Long> insert =
        tx.insertInto(
            EVENT_OUTBOX,
            EVENT_OUTBOX.EVENT_ID,
            EVENT_OUTBOX.EVENT_TYPE,
            EVENT_OUTBOX.EVENT_VERSION,
            EVENT_OUTBOX.REALM_ID,
            EVENT_OUTBOX.OCCURRED_AT,
            EVENT_OUTBOX.ENVELOPE,
            EVENT_OUTBOX.CREATED_AT);
    for (EventEnvelope event : events) {
      insert =
          insert.values(
              event.getEventId(),
              event.getEventType(),
              (long) event.getEventVersion(),
              event.getRealmId(),
              occurredAtMillis(event),
              event.toByteArray(),
              createdAt);
    }
    return insert.onConflict(EVENT_OUTBOX.EVENT_ID).doNothing().execute();
  }

  private static long occurredAtMillis(EventEnvelope event) {
    return event.getOccurredAt().getSeconds() * 1000L
        + event.getOccurredAt().getNanos() / 1_000_000;
  }

  @Override
  public List<OutboxEvent> unrouted(DSLContext tx, int limit) {
    return select(tx, EVENT_OUTBOX.ROUTED_AT.isNull(), limit);
  }

  /** Returns up to {@code limit} stored events matching {@code condition}, oldest first. */
  public static List<OutboxEvent> select(DSLContext ctx, Condition condition, int limit) {
    return ctx.select(
            EVENT_OUTBOX.ID,
            EVENT_OUTBOX.EVENT_ID,
            EVENT_OUTBOX.EVENT_TYPE,
            EVENT_OUTBOX.EVENT_VERSION,
            EVENT_OUTBOX.REALM_ID)
        .from(EVENT_OUTBOX)
        .where(condition)
        .orderBy(EVENT_OUTBOX.ID)
        .limit(limit)
        .fetch(
            r ->
                new OutboxEvent(
                    r.value1(), r.value2(), r.value3(), Math.toIntExact(r.value4()), r.value5()));
  }

  @Override
  public void markRouted(DSLContext tx, Collection<Long> outboxIds, Instant now) {
    if (outboxIds.isEmpty()) {
      return;
    }
    tx.update(EVENT_OUTBOX)
        .set(EVENT_OUTBOX.ROUTED_AT, now.toEpochMilli())
        .where(EVENT_OUTBOX.ID.in(outboxIds))
        .execute();
  }

  @Override
  public Map<Long, EventEnvelope> envelopes(DSLContext ctx, Collection<Long> outboxIds) {
    Map<Long, EventEnvelope> result = new HashMap<>();
    if (outboxIds.isEmpty()) {
      return result;
    }
    ctx.select(EVENT_OUTBOX.ID, EVENT_OUTBOX.ENVELOPE)
        .from(EVENT_OUTBOX)
        .where(EVENT_OUTBOX.ID.in(outboxIds))
        .forEach(r -> result.put(r.value1(), parse(r.value1(), r.value2())));
    return result;
  }

  private static EventEnvelope parse(long id, byte[] bytes) {
    try {
      return EventEnvelope.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      // Only validated envelopes are stored, so this means the row was damaged outside Herald.
      throw new IllegalStateException("event_outbox row " + id + ": envelope does not parse", e);
    }
  }
}
