package dev.herald.core.outbox;

import static dev.herald.core.store.jooq.Tables.DELIVERIES;
import static dev.herald.core.store.jooq.Tables.EVENT_OUTBOX;
import static java.util.Objects.requireNonNull;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.herald.core.envelope.SearchFields;
import dev.herald.core.store.Dialect;
import dev.herald.core.store.OldestFirstPurge;
import dev.herald.core.store.PurgedRows;
import dev.herald.core.store.RenderedQuery;
import dev.herald.proto.event.v1.EventEnvelope;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record2;
import org.jooq.ResultQuery;
import org.jooq.impl.DSL;

/**
 * Stores the outbox through jOOQ: one prepared insert bound once per event, and the dialect's way
 * of remembering what the router has expanded (a cursor on SQLite, a queue of unrouted ids on
 * PostgreSQL).
 */
public final class JooqOutboxStore implements OutboxStore {

  static final Field<?>[] ROUTING_COLUMNS = {
    EVENT_OUTBOX.ID,
    EVENT_OUTBOX.EVENT_ID,
    EVENT_OUTBOX.EVENT_TYPE,
    EVENT_OUTBOX.EVENT_VERSION,
    EVENT_OUTBOX.REALM_ID
  };

  private static final OldestFirstPurge OLDEST_FIRST =
      new OldestFirstPurge(EVENT_OUTBOX, EVENT_OUTBOX.ID, EVENT_OUTBOX.CREATED_AT);

  // One rendered look-up per number of rows asked for, up to a claim's worth; larger ones are rare.
  private static final int RENDERED_LOOKUPS_UP_TO = 512;

  private final Dialect dialect;
  private final Routing routing;
  // One statement prepared once per batch and bound per row: cheaper than a multi-row insert of
  // hundreds of bind values rendered anew for every batch. (With PostgreSQL's driver rewriting
  // batched inserts, the server still sees multi-row inserts.)
  private final RenderedQuery insert;
  private final Map<Integer, RenderedQuery> envelopesByCount = new ConcurrentHashMap<>();

  /** Creates the store for a database of the given dialect. */
  public JooqOutboxStore(Dialect dialect) {
    this.dialect = requireNonNull(dialect, "dialect");
    this.routing = dialect.singleWriter() ? new CursorRouting(dialect) : new QueueRouting(dialect);
    this.insert =
        RenderedQuery.of(
            dialect,
            DSL.insertInto(
                    EVENT_OUTBOX,
                    EVENT_OUTBOX.EVENT_ID,
                    EVENT_OUTBOX.EVENT_TYPE,
                    EVENT_OUTBOX.EVENT_VERSION,
                    EVENT_OUTBOX.REALM_ID,
                    EVENT_OUTBOX.OCCURRED_AT,
                    EVENT_OUTBOX.ENVELOPE,
                    EVENT_OUTBOX.CREATED_AT,
                    EVENT_OUTBOX.SUBJECT_TYPE,
                    EVENT_OUTBOX.SUBJECT_ID,
                    EVENT_OUTBOX.CORRELATION_ID)
                .values((String) null, null, null, null, null, null, null, null, null, null)
                .onConflict(EVENT_OUTBOX.EVENT_ID)
                .doNothing());
  }

  @Override
  public void append(DSLContext tx, Collection<EventEnvelope> events, Instant now) {
    if (events.isEmpty()) {
      return;
    }
    long createdAt = now.toEpochMilli();
    insert.executeBatch(
        tx,
        events,
        event -> {
          SearchFields search = SearchFields.of(event);
          return new Object[] {
            event.getEventId(),
            event.getEventType(),
            (long) event.getEventVersion(),
            event.getRealmId(),
            occurredAtMillis(event),
            event.toByteArray(),
            createdAt,
            search.subjectType(),
            search.subjectId(),
            search.correlationId()
          };
        });
  }

  private static long occurredAtMillis(EventEnvelope event) {
    return event.getOccurredAt().getSeconds() * 1000L
        + event.getOccurredAt().getNanos() / 1_000_000;
  }

  @Override
  public Unrouted unrouted(DSLContext ctx, int limit) {
    return routing.unrouted(ctx, limit);
  }

  static OutboxEvent routing(Record r) {
    return new OutboxEvent(
        r.get(EVENT_OUTBOX.ID),
        r.get(EVENT_OUTBOX.EVENT_ID),
        r.get(EVENT_OUTBOX.EVENT_TYPE),
        Math.toIntExact(r.get(EVENT_OUTBOX.EVENT_VERSION)),
        r.get(EVENT_OUTBOX.REALM_ID));
  }

  @Override
  public List<OutboxEvent> routed(DSLContext ctx, Condition condition, int limit) {
    return ctx.select(ROUTING_COLUMNS)
        .from(EVENT_OUTBOX)
        .where(routing.routed().and(condition))
        .orderBy(EVENT_OUTBOX.ID)
        .limit(limit)
        .fetch(JooqOutboxStore::routing);
  }

  @Override
  public long unroutedCount(DSLContext ctx) {
    return routing.unroutedCount(ctx);
  }

  @Override
  public List<OutboxEvent> markRouted(DSLContext tx, Unrouted batch) {
    return routing.markRouted(tx, batch);
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
            : envelopesByCount
                .computeIfAbsent(
                    outboxIds.size(),
                    count ->
                        RenderedQuery.of(
                            dialect,
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

  @Override
  public PurgedRows purgeDone(DSLContext tx, long afterId, Instant createdBefore, int limit) {
    return OLDEST_FIRST.purge(
        tx,
        afterId,
        createdBefore,
        limit,
        routing
            .routed()
            .andNotExists(
                DSL.selectOne().from(DELIVERIES).where(DELIVERIES.OUTBOX_ID.eq(EVENT_OUTBOX.ID))));
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
