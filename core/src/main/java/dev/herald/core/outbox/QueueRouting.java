package dev.herald.core.outbox;

import static dev.herald.core.outbox.OutboxUnroutedTable.OUTBOX_UNROUTED;
import static dev.herald.core.store.jooq.Tables.EVENT_OUTBOX;

import dev.herald.core.store.Dialect;
import dev.herald.core.store.RenderedQuery;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Routing through a queue of unrouted event ids ({@code outbox_unrouted}), for databases with
 * concurrent writers (PostgreSQL). There an id can commit after a larger one, so a cursor would
 * skip it; a queue row cannot. The database queues each event in the statement that inserts it (a
 * trigger, see db/migration/postgresql/V6), so every path that appends, a caller's own transaction
 * included, is covered. A router takes the rows it deletes with {@code FOR UPDATE SKIP LOCKED}:
 * routers on several nodes split new events between them instead of waiting for each other, and a
 * row taken by a router that then rolls back is back in the queue. The queue keeps the routing
 * state off the envelope's row, which is written once.
 */
final class QueueRouting implements Routing {

  private final RenderedQuery unrouted;
  private final RenderedQuery take;

  QueueRouting(Dialect dialect) {
    // Binds: the limit. The ids are taken first (one array), then their rows by primary key: as a
    // join, PostgreSQL may merge the queue with event_outbox's whole primary key, reading every
    // event ever stored on each pass.
    this.unrouted =
        RenderedQuery.of(
            dialect,
            DSL.select(JooqOutboxStore.ROUTING_COLUMNS)
                .from(EVENT_OUTBOX)
                .where(
                    EVENT_OUTBOX.ID.eq(
                        DSL.any(
                            DSL.array(
                                DSL.select(OUTBOX_UNROUTED.OUTBOX_ID)
                                    .from(OUTBOX_UNROUTED)
                                    .orderBy(OUTBOX_UNROUTED.OUTBOX_ID)
                                    .limit(DSL.val(0))))))
                .orderBy(EVENT_OUTBOX.ID),
            JooqOutboxStore.ROUTING_COLUMNS);
    // Binds: the batch's ids (one array).
    this.take =
        RenderedQuery.of(
            dialect,
            DSL.deleteFrom(OUTBOX_UNROUTED)
                .where(
                    OUTBOX_UNROUTED.OUTBOX_ID.in(
                        dialect.skippingLocked(
                            DSL.select(OUTBOX_UNROUTED.OUTBOX_ID)
                                .from(OUTBOX_UNROUTED)
                                .where(
                                    OUTBOX_UNROUTED.OUTBOX_ID.eq(DSL.any(DSL.val(new Long[0])))))))
                .returning(OUTBOX_UNROUTED.OUTBOX_ID),
            OUTBOX_UNROUTED.OUTBOX_ID);
  }

  @Override
  public OutboxStore.Unrouted unrouted(DSLContext ctx, int limit) {
    return new OutboxStore.Unrouted(0, unrouted.fetch(ctx, limit).map(JooqOutboxStore::routing));
  }

  @Override
  public List<OutboxEvent> markRouted(DSLContext tx, OutboxStore.Unrouted batch) {
    if (batch.events().isEmpty()) {
      return List.of();
    }
    Long[] ids = batch.events().stream().map(OutboxEvent::id).toArray(Long[]::new);
    Set<Long> taken =
        new HashSet<>(take.fetch(tx, (Object) ids).getValues(OUTBOX_UNROUTED.OUTBOX_ID));
    return batch.events().stream().filter(event -> taken.contains(event.id())).toList();
  }

  @Override
  public long unroutedCount(DSLContext ctx) {
    return ctx.selectCount().from(OUTBOX_UNROUTED).fetchOne(0, Long.class);
  }

  @Override
  public Condition routed() {
    return DSL.notExists(
        DSL.selectOne().from(OUTBOX_UNROUTED).where(OUTBOX_UNROUTED.OUTBOX_ID.eq(EVENT_OUTBOX.ID)));
  }
}
