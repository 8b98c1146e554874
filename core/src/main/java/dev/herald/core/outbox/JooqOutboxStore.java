package dev.herald.core.outbox;

import static dev.herald.core.store.jooq.Tables.EVENT_OUTBOX;
import static dev.herald.core.store.jooq.Tables.OUTBOX_CURSOR;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.herald.proto.event.v1.EventEnvelope;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.BatchBindStep;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Stores the outbox through jOOQ in SQLite: one prepared insert bound once per event, and a routing
 * cursor instead of a per-row "routed" mark.
 */
public final class JooqOutboxStore implements OutboxStore {

  private static final String ROUTER_CURSOR = "router";

  /** Matches the events the router has expanded into deliveries. */
  public static final Condition ROUTED =
      EVENT_OUTBOX.ID.le(
          DSL.select(OUTBOX_CURSOR.LAST_ID)
              .from(OUTBOX_CURSOR)
              .where(OUTBOX_CURSOR.NAME.eq(ROUTER_CURSOR)));

  @Override
  public int append(DSLContext tx, Collection<EventEnvelope> events, Instant now) {
    if (events.isEmpty()) {
      return 0;
    }
    long createdAt = now.toEpochMilli();
    // One statement prepared once and bound per row: cheaper to build than a multi-row insert of
    // hundreds of bind values rendered anew for every batch.
    BatchBindStep insert =
        tx.batch(
            tx.insertInto(
                    EVENT_OUTBOX,
                    EVENT_OUTBOX.EVENT_ID,
                    EVENT_OUTBOX.EVENT_TYPE,
                    EVENT_OUTBOX.EVENT_VERSION,
                    EVENT_OUTBOX.REALM_ID,
                    EVENT_OUTBOX.OCCURRED_AT,
                    EVENT_OUTBOX.ENVELOPE,
                    EVENT_OUTBOX.CREATED_AT)
                .values((String) null, null, null, null, null, null, null)
                .onConflict(EVENT_OUTBOX.EVENT_ID)
                .doNothing());
    for (EventEnvelope event : events) {
      insert =
          insert.bind(
              event.getEventId(),
              event.getEventType(),
              (long) event.getEventVersion(),
              event.getRealmId(),
              occurredAtMillis(event),
              event.toByteArray(),
              createdAt);
    }
    return Arrays.stream(insert.execute()).map(count -> Math.max(0, count)).sum();
  }

  private static long occurredAtMillis(EventEnvelope event) {
    return event.getOccurredAt().getSeconds() * 1000L
        + event.getOccurredAt().getNanos() / 1_000_000;
  }

  @Override
  public Unrouted unrouted(DSLContext ctx, int limit) {
    long after =
        ctx.select(OUTBOX_CURSOR.LAST_ID)
            .from(OUTBOX_CURSOR)
            .where(OUTBOX_CURSOR.NAME.eq(ROUTER_CURSOR))
            .fetchSingle(OUTBOX_CURSOR.LAST_ID);
    return new Unrouted(after, select(ctx, EVENT_OUTBOX.ID.gt(after), limit));
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
  public boolean markRouted(DSLContext tx, Unrouted batch) {
    if (batch.events().isEmpty()) {
      return true;
    }
    // Compare and set: the cursor moves only from where it was when the batch was read.
    return tx.update(OUTBOX_CURSOR)
            .set(OUTBOX_CURSOR.LAST_ID, batch.events().getLast().id())
            .where(OUTBOX_CURSOR.NAME.eq(ROUTER_CURSOR))
            .and(OUTBOX_CURSOR.LAST_ID.eq(batch.after()))
            .execute()
        == 1;
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
