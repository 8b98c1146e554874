package dev.herald.core.route;

import static dev.herald.core.store.jooq.Tables.DELIVERIES;
import static dev.herald.core.store.jooq.Tables.DELIVERY_LOGS;
import static java.util.Objects.requireNonNull;

import dev.herald.core.store.Dialect;
import dev.herald.core.store.OldestFirstPurge;
import dev.herald.core.store.PurgedRows;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Retention's side of {@link JooqDeliveryStore}: deletes finished deliveries and old attempt logs.
 */
final class DeliveryPurges {

  // Inlined, not bound: SQLite uses the partial index deliveries_finished (V11) only when the
  // query repeats its WHERE term literally.
  private static final Condition FINISHED =
      DELIVERIES.STATUS.in(
          DSL.inline(DeliveryStatus.SUCCEEDED.dbValue()),
          DSL.inline(DeliveryStatus.DEAD.dbValue()),
          DSL.inline(DeliveryStatus.DISCARDED.dbValue()));

  // Retention keeps a dead letter that blocks its key: deleting it would silently let the key go
  // on, which only an operator decides (retry or discard).
  private static final Condition HOLDS_NO_KEY =
      DELIVERIES
          .ON_DEAD
          .isNull()
          .or(DELIVERIES.ON_DEAD.ne(DSL.inline(DeadHeadPolicy.BLOCK.text())))
          .or(DELIVERIES.STATUS.ne(DSL.inline(DeliveryStatus.DEAD.dbValue())));

  private static final Set<DeliveryStatus> PURGEABLE =
      EnumSet.of(DeliveryStatus.SUCCEEDED, DeliveryStatus.DEAD, DeliveryStatus.DISCARDED);

  private static final OldestFirstPurge OLDEST_LOGS_FIRST =
      new OldestFirstPurge(DELIVERY_LOGS, DELIVERY_LOGS.ID, DELIVERY_LOGS.STARTED_AT);

  private final Dialect dialect;

  DeliveryPurges(Dialect dialect) {
    this.dialect = requireNonNull(dialect, "dialect");
  }

  /** See {@link DeliveryStore#purgeFinished}. */
  int purgeFinished(DSLContext tx, DeliveryStatus status, Instant before, int limit) {
    if (!PURGEABLE.contains(status)) {
      throw new IllegalArgumentException(
          "status: " + status.dbValue() + " (expected: succeeded, dead or discarded)");
    }
    List<Long> ids =
        dialect
            .skippingLocked(
                tx.select(DELIVERIES.ID)
                    .from(DELIVERIES)
                    .where(FINISHED)
                    .and(DELIVERIES.STATUS.eq(DSL.inline(status.dbValue())))
                    .and(DELIVERIES.UPDATED_AT.lt(before.toEpochMilli()))
                    .and(HOLDS_NO_KEY)
                    .limit(limit))
            .fetchInto(Long.class);
    if (ids.isEmpty()) {
      return 0;
    }
    tx.deleteFrom(DELIVERY_LOGS).where(DELIVERY_LOGS.DELIVERY_ID.in(ids)).execute();
    return tx.deleteFrom(DELIVERIES).where(DELIVERIES.ID.in(ids)).execute();
  }

  /** See {@link DeliveryStore#purgeAttemptLogs}. */
  PurgedRows purgeAttemptLogs(DSLContext tx, long afterId, Instant before, int limit) {
    return OLDEST_LOGS_FIRST.purge(tx, afterId, before, limit, DSL.trueCondition());
  }
}
