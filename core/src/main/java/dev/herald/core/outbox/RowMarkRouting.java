package dev.herald.core.outbox;

import static dev.herald.core.store.jooq.Tables.EVENT_OUTBOX;

import dev.herald.core.store.Dialect;
import dev.herald.core.store.RenderedQuery;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Routing with a mark on each row ({@code routed_at}, NULL until expanded, under a partial index),
 * for databases with concurrent writers (PostgreSQL). There an id can commit after a larger one, so
 * a cursor would skip it; a row mark cannot. A router takes the rows it marks with {@code FOR
 * UPDATE SKIP LOCKED}: routers on several nodes split new events between them instead of waiting
 * for each other, and a row taken by a router that then rolls back is free again.
 */
final class RowMarkRouting implements Routing {

  // Only the PostgreSQL schema has this column (see its V1 and V3 migrations); the jOOQ model is
  // generated from SQLite, which routes by cursor.
  static final Field<Long> ROUTED_AT = DSL.field(DSL.name("routed_at"), SQLDataType.BIGINT);

  private final RenderedQuery unrouted;
  private final RenderedQuery mark;

  RowMarkRouting(Dialect dialect) {
    // Binds: the limit.
    this.unrouted =
        RenderedQuery.of(
            dialect,
            DSL.select(JooqOutboxStore.ROUTING_COLUMNS)
                .from(EVENT_OUTBOX)
                .where(ROUTED_AT.isNull())
                .orderBy(EVENT_OUTBOX.ID)
                .limit(DSL.val(0)),
            JooqOutboxStore.ROUTING_COLUMNS);
    // Binds: the time routed, the batch's ids (one array).
    this.mark =
        RenderedQuery.of(
            dialect,
            DSL.update(EVENT_OUTBOX)
                .set(ROUTED_AT, (Long) null)
                .where(
                    EVENT_OUTBOX.ID.in(
                        dialect.skippingLocked(
                            DSL.select(EVENT_OUTBOX.ID)
                                .from(EVENT_OUTBOX)
                                .where(EVENT_OUTBOX.ID.eq(DSL.any(DSL.val(new Long[0]))))
                                .and(ROUTED_AT.isNull()))))
                .returning(EVENT_OUTBOX.ID),
            EVENT_OUTBOX.ID);
  }

  @Override
  public OutboxStore.Unrouted unrouted(DSLContext ctx, int limit) {
    return new OutboxStore.Unrouted(0, unrouted.fetch(ctx, limit).map(JooqOutboxStore::routing));
  }

  @Override
  public List<OutboxEvent> markRouted(DSLContext tx, OutboxStore.Unrouted batch, Instant now) {
    if (batch.events().isEmpty()) {
      return List.of();
    }
    Long[] ids = batch.events().stream().map(OutboxEvent::id).toArray(Long[]::new);
    Set<Long> marked =
        new HashSet<>(mark.fetch(tx, now.toEpochMilli(), ids).getValues(EVENT_OUTBOX.ID));
    return batch.events().stream().filter(event -> marked.contains(event.id())).toList();
  }

  @Override
  public Condition routed() {
    return ROUTED_AT.isNotNull();
  }
}
