package dev.herald.core.outbox;

import static dev.herald.core.store.jooq.Tables.EVENT_OUTBOX;
import static dev.herald.core.store.jooq.Tables.OUTBOX_CURSOR;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.herald.core.store.RenderedQuery;
import dev.herald.proto.event.v1.EventEnvelope;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.BatchBindStep;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record2;
import org.jooq.ResultQuery;
import org.jooq.SQLDialect;
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

  // One statement prepared once per batch and bound per row: cheaper than a multi-row insert of
  // hundreds of bind values rendered anew for every batch.
  private static final RenderedQuery INSERT =
      RenderedQuery.of(
          SQLDialect.SQLITE,
          DSL.insertInto(
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

  private static final RenderedQuery CURSOR =
      RenderedQuery.of(
          SQLDialect.SQLITE,
          DSL.select(OUTBOX_CURSOR.LAST_ID)
              .from(OUTBOX_CURSOR)
              .where(OUTBOX_CURSOR.NAME.eq(DSL.inline(ROUTER_CURSOR))),
          OUTBOX_CURSOR.LAST_ID);

  private static final Field<?>[] ROUTING_COLUMNS = {
    EVENT_OUTBOX.ID,
    EVENT_OUTBOX.EVENT_ID,
    EVENT_OUTBOX.EVENT_TYPE,
    EVENT_OUTBOX.EVENT_VERSION,
    EVENT_OUTBOX.REALM_ID
  };

  // Binds: the cursor, the limit.
  private static final RenderedQuery UNROUTED =
      RenderedQuery.of(
          SQLDialect.SQLITE,
          DSL.select(ROUTING_COLUMNS)
              .from(EVENT_OUTBOX)
              .where(EVENT_OUTBOX.ID.gt((Long) null))
              .orderBy(EVENT_OUTBOX.ID)
              .limit(DSL.val(0)),
          ROUTING_COLUMNS);

  // Binds: the new cursor, the cursor it must still be at.
  private static final RenderedQuery MOVE_CURSOR =
      RenderedQuery.of(
          SQLDialect.SQLITE,
          DSL.update(OUTBOX_CURSOR)
              .set(OUTBOX_CURSOR.LAST_ID, (Long) null)
              .where(OUTBOX_CURSOR.NAME.eq(DSL.inline(ROUTER_CURSOR)))
              .and(OUTBOX_CURSOR.LAST_ID.eq((Long) null)));

  // One rendered look-up per number of rows asked for, up to a claim's worth; larger ones are rare.
  private static final int RENDERED_LOOKUPS_UP_TO = 512;
  private static final Map<Integer, RenderedQuery> ENVELOPES = new ConcurrentHashMap<>();

  @Override
  public int append(DSLContext tx, Collection<EventEnvelope> events, Instant now) {
    if (events.isEmpty()) {
      return 0;
    }
    long createdAt = now.toEpochMilli();
    BatchBindStep insert = INSERT.batch(tx);
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
    long after = CURSOR.fetch(ctx).getFirst().get(OUTBOX_CURSOR.LAST_ID);
    return new Unrouted(after, UNROUTED.fetch(ctx, after, limit).map(JooqOutboxStore::routing));
  }

  private static OutboxEvent routing(Record r) {
    return new OutboxEvent(
        r.get(EVENT_OUTBOX.ID),
        r.get(EVENT_OUTBOX.EVENT_ID),
        r.get(EVENT_OUTBOX.EVENT_TYPE),
        Math.toIntExact(r.get(EVENT_OUTBOX.EVENT_VERSION)),
        r.get(EVENT_OUTBOX.REALM_ID));
  }

  /** Returns up to {@code limit} stored events matching {@code condition}, oldest first. */
  public static List<OutboxEvent> select(DSLContext ctx, Condition condition, int limit) {
    return ctx.select(ROUTING_COLUMNS)
        .from(EVENT_OUTBOX)
        .where(condition)
        .orderBy(EVENT_OUTBOX.ID)
        .limit(limit)
        .fetch(JooqOutboxStore::routing);
  }

  @Override
  public boolean markRouted(DSLContext tx, Unrouted batch) {
    if (batch.events().isEmpty()) {
      return true;
    }
    // Compare and set: the cursor moves only from where it was when the batch was read.
    return MOVE_CURSOR.execute(tx, batch.events().getLast().id(), batch.after()) == 1;
  }

  @Override
  public Map<Long, EventEnvelope> envelopes(DSLContext ctx, Collection<Long> outboxIds) {
    Map<Long, EventEnvelope> result = new HashMap<>();
    if (outboxIds.isEmpty()) {
      return result;
    }
    Iterable<? extends Record> rows =
        outboxIds.size() > RENDERED_LOOKUPS_UP_TO
            ? ctx.fetch(envelopesById(outboxIds))
            : ENVELOPES
                .computeIfAbsent(
                    outboxIds.size(),
                    count ->
                        RenderedQuery.of(
                            SQLDialect.SQLITE,
                            envelopesById(Collections.nCopies(count, 0L)),
                            EVENT_OUTBOX.ID,
                            EVENT_OUTBOX.ENVELOPE))
                .fetch(ctx, outboxIds.toArray());
    for (Record r : rows) {
      long id = r.get(EVENT_OUTBOX.ID);
      result.put(id, parse(id, r.get(EVENT_OUTBOX.ENVELOPE)));
    }
    return result;
  }

  private static ResultQuery<Record2<Long, byte[]>> envelopesById(Collection<Long> ids) {
    return DSL.select(EVENT_OUTBOX.ID, EVENT_OUTBOX.ENVELOPE)
        .from(EVENT_OUTBOX)
        .where(EVENT_OUTBOX.ID.in(ids.stream().map(DSL::val).toList()));
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
