package dev.herald.core.outbox;

import static dev.herald.core.store.jooq.Tables.EVENT_OUTBOX;
import static dev.herald.core.store.jooq.Tables.OUTBOX_CURSOR;

import dev.herald.core.store.Dialect;
import dev.herald.core.store.RenderedQuery;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Routing with one cursor: events are expanded in id order and the cursor says how far. Safe only
 * with a single writer (SQLite), where an id becomes visible after every smaller one committed or
 * rolled back; it spares rewriting every outbox row and an index over it.
 */
final class CursorRouting implements Routing {

  private static final String ROUTER_CURSOR = "router";

  private static final Condition ROUTED =
      EVENT_OUTBOX.ID.le(
          DSL.select(OUTBOX_CURSOR.LAST_ID)
              .from(OUTBOX_CURSOR)
              .where(OUTBOX_CURSOR.NAME.eq(ROUTER_CURSOR)));

  private final RenderedQuery cursor;
  private final RenderedQuery unrouted;
  private final RenderedQuery moveCursor;

  CursorRouting(Dialect dialect) {
    this.cursor =
        RenderedQuery.of(
            dialect,
            DSL.select(OUTBOX_CURSOR.LAST_ID)
                .from(OUTBOX_CURSOR)
                .where(OUTBOX_CURSOR.NAME.eq(DSL.inline(ROUTER_CURSOR))),
            OUTBOX_CURSOR.LAST_ID);
    // Binds: the cursor, the limit.
    this.unrouted =
        RenderedQuery.of(
            dialect,
            DSL.select(JooqOutboxStore.ROUTING_COLUMNS)
                .from(EVENT_OUTBOX)
                .where(EVENT_OUTBOX.ID.gt((Long) null))
                .orderBy(EVENT_OUTBOX.ID)
                .limit(DSL.val(0)),
            JooqOutboxStore.ROUTING_COLUMNS);
    // Binds: the new cursor, the cursor it must still be at.
    this.moveCursor =
        RenderedQuery.of(
            dialect,
            DSL.update(OUTBOX_CURSOR)
                .set(OUTBOX_CURSOR.LAST_ID, (Long) null)
                .where(OUTBOX_CURSOR.NAME.eq(DSL.inline(ROUTER_CURSOR)))
                .and(OUTBOX_CURSOR.LAST_ID.eq((Long) null)));
  }

  @Override
  public OutboxStore.Unrouted unrouted(DSLContext ctx, int limit) {
    long after = cursor.fetch(ctx).getFirst().get(OUTBOX_CURSOR.LAST_ID);
    return new OutboxStore.Unrouted(
        after, unrouted.fetch(ctx, after, limit).map(JooqOutboxStore::routing));
  }

  @Override
  public List<OutboxEvent> markRouted(DSLContext tx, OutboxStore.Unrouted batch) {
    if (batch.events().isEmpty()) {
      return List.of();
    }
    // Compare and set: all of the batch, or none of it when another router moved the cursor.
    boolean moved = moveCursor.execute(tx, batch.events().getLast().id(), batch.after()) == 1;
    return moved ? batch.events() : List.of();
  }

  @Override
  public Condition routed() {
    return ROUTED;
  }

  @Override
  public long unroutedCount(DSLContext ctx) {
    // A range of the primary key past the cursor: no scan of what was routed.
    return ctx.selectCount()
        .from(EVENT_OUTBOX)
        .where(
            EVENT_OUTBOX.ID.gt(
                DSL.select(OUTBOX_CURSOR.LAST_ID)
                    .from(OUTBOX_CURSOR)
                    .where(OUTBOX_CURSOR.NAME.eq(ROUTER_CURSOR))))
        .fetchOne(0, Long.class);
  }
}
