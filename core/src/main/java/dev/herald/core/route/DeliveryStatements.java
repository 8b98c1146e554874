package dev.herald.core.route;

import static dev.herald.core.store.jooq.Tables.DELIVERIES;
import static dev.herald.core.store.jooq.Tables.DELIVERY_LOGS;
import static java.util.Objects.requireNonNull;

import dev.herald.core.store.Dialect;
import dev.herald.core.store.RenderedQuery;
import dev.herald.core.store.jooq.tables.records.DeliveriesRecord;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.InsertValuesStepN;
import org.jooq.Query;
import org.jooq.impl.DSL;

/**
 * The statements of the delivery hot path (fan-out, claims, outcomes), each rendered once for the
 * store's dialect and then bound row by row: no jOOQ query building per delivery.
 */
final class DeliveryStatements {

  static final String IN_FLIGHT = DeliveryStatus.IN_FLIGHT.dbValue();
  static final String QUEUED = DeliveryStatus.QUEUED.dbValue();

  // The one rule for a delivery that waits again (released, retried by hand, replayed, moved up to
  // its key's head): pending if it was never attempted, scheduled otherwise.
  static final Field<String> WAITING_AGAIN =
      DSL.when(
              DELIVERIES.ATTEMPT_COUNT.eq(DSL.inline(0L)),
              DSL.inline(DeliveryStatus.PENDING.dbValue()))
          .otherwise(DSL.inline(DeliveryStatus.SCHEDULED.dbValue()));

  // Inlined, not bound: SQLite uses the partial index deliveries_claimable only when the query
  // repeats its WHERE term literally.
  private static final Condition CLAIMABLE =
      DELIVERIES.STATUS.in(
          DSL.inline(DeliveryStatus.PENDING.dbValue()),
          DSL.inline(DeliveryStatus.SCHEDULED.dbValue()),
          DSL.inline(IN_FLIGHT));

  private static final Field<?>[] CLAIMED = {
    DELIVERIES.ID,
    DELIVERIES.OUTBOX_ID,
    DELIVERIES.EVENT_ID,
    DELIVERIES.ATTEMPT_COUNT,
    DELIVERIES.PURPOSE,
    DELIVERIES.ORDER_KEY
  };

  /** Inserts a pending delivery; an (event, target) pair that exists is skipped. */
  final RenderedQuery insert;

  /** Claims a target's due deliveries under a lease. */
  final RenderedQuery claim;

  /** Counts a target's deliveries in flight under a live lease. */
  final RenderedQuery inFlight;

  /** Inserts one attempt log row. */
  final RenderedQuery log;

  /** Moves a leased delivery to its next state. */
  final RenderedQuery transition;

  /** Finds when a target's next unfinished delivery is due. */
  final RenderedQuery nextDue;

  /** Moves the first queued delivery of a key up to head, when the key has none. */
  final RenderedQuery advance;

  private final Dialect dialect;
  // Claims at creation, one statement per batch, rendered once per row count.
  private final Map<Integer, RenderedQuery> insertClaimed = new ConcurrentHashMap<>();

  /** Renders the statements for a database of the given dialect. */
  DeliveryStatements(Dialect dialect) {
    this.dialect = requireNonNull(dialect, "dialect");
    this.insert =
        RenderedQuery.of(
            dialect,
            DSL.insertInto(
                    DELIVERIES,
                    DELIVERIES.OUTBOX_ID,
                    DELIVERIES.EVENT_ID,
                    DELIVERIES.TARGET,
                    DELIVERIES.STATUS,
                    DELIVERIES.NEXT_ATTEMPT_AT,
                    DELIVERIES.CREATED_AT,
                    DELIVERIES.UPDATED_AT,
                    DELIVERIES.ORDER_KEY,
                    DELIVERIES.ON_DEAD)
                .values((Long) null, null, null, null, null, null, null, null, null)
                .onConflictDoNothing());
    // Binds: lease owner, lease end (twice), now; then the target, now, and the limit. The claim
    // moves next_attempt_at to the end of the lease: if this worker dies, the row is due again
    // then, with no separate sweep. Rows another node is claiming are skipped, not waited for.
    this.claim =
        RenderedQuery.of(
            dialect,
            DSL.update(DELIVERIES)
                .set(DELIVERIES.STATUS, DSL.inline(IN_FLIGHT))
                .set(DELIVERIES.LEASE_OWNER, (String) null)
                .set(DELIVERIES.LEASE_UNTIL, (Long) null)
                .set(DELIVERIES.NEXT_ATTEMPT_AT, (Long) null)
                .set(DELIVERIES.UPDATED_AT, (Long) null)
                .where(
                    DELIVERIES.ID.in(
                        dialect.skippingLocked(
                            DSL.select(DELIVERIES.ID)
                                .from(DELIVERIES)
                                .where(DELIVERIES.TARGET.eq((String) null))
                                .and(CLAIMABLE)
                                .and(DELIVERIES.NEXT_ATTEMPT_AT.le((Long) null))
                                .orderBy(DELIVERIES.NEXT_ATTEMPT_AT)
                                .limit(DSL.val(0)))))
                .returning(CLAIMED),
            CLAIMED);
    // Binds: the target, now. Leases that ran out do not count: those deliveries are due again.
    this.inFlight =
        RenderedQuery.of(
            dialect,
            DSL.selectCount()
                .from(DELIVERIES)
                .where(DELIVERIES.TARGET.eq((String) null))
                .and(DELIVERIES.STATUS.eq(DSL.inline(IN_FLIGHT)))
                .and(DELIVERIES.NEXT_ATTEMPT_AT.gt((Long) null)),
            DSL.count());
    this.log =
        RenderedQuery.of(
            dialect,
            DSL.insertInto(
                    DELIVERY_LOGS,
                    DELIVERY_LOGS.DELIVERY_ID,
                    DELIVERY_LOGS.ATTEMPT,
                    DELIVERY_LOGS.STARTED_AT,
                    DELIVERY_LOGS.LATENCY_MICROS,
                    DELIVERY_LOGS.OUTCOME,
                    DELIVERY_LOGS.HTTP_STATUS,
                    DELIVERY_LOGS.GRPC_CODE,
                    DELIVERY_LOGS.ERROR_CLASS,
                    DELIVERY_LOGS.ERROR_MESSAGE,
                    DELIVERY_LOGS.RESPONSE_EXCERPT)
                .values((Long) null, null, null, null, null, null, null, null, null, null));
    // Binds: status, attempt_count, next_attempt_at (null keeps it), last_error, updated_at, then
    // the WHERE's id and lease owner: the lease fences the write.
    this.transition =
        RenderedQuery.of(
            dialect,
            DSL.update(DELIVERIES)
                .set(DELIVERIES.STATUS, (String) null)
                .set(DELIVERIES.ATTEMPT_COUNT, (Long) null)
                .set(
                    DELIVERIES.NEXT_ATTEMPT_AT,
                    DSL.coalesce(DSL.val((Long) null), DELIVERIES.NEXT_ATTEMPT_AT))
                .set(DELIVERIES.LEASE_OWNER, DSL.inline((String) null))
                .set(DELIVERIES.LEASE_UNTIL, DSL.inline((Long) null))
                .set(DELIVERIES.LAST_ERROR, (String) null)
                .set(DELIVERIES.UPDATED_AT, (Long) null)
                .where(DELIVERIES.ID.eq((Long) null))
                .and(DELIVERIES.STATUS.eq(DSL.inline(IN_FLIGHT)))
                .and(DELIVERIES.LEASE_OWNER.eq((String) null)));
    // Binds: the target.
    this.nextDue =
        RenderedQuery.of(
            dialect,
            DSL.select(DELIVERIES.NEXT_ATTEMPT_AT)
                .from(DELIVERIES)
                .where(DELIVERIES.TARGET.eq((String) null))
                .and(CLAIMABLE)
                .orderBy(DELIVERIES.NEXT_ATTEMPT_AT)
                .limit(DSL.inline(1)),
            DELIVERIES.NEXT_ATTEMPT_AT);
    this.advance = RenderedQuery.of(dialect, advance());
  }

  /** The columns {@link #insertClaimed} returns of each row it inserted. */
  static final Field<?>[] INSERTED_CLAIMED = {
    DELIVERIES.ID, DELIVERIES.OUTBOX_ID, DELIVERIES.EVENT_ID, DELIVERIES.TARGET
  };

  /**
   * Returns the statement that inserts {@code rows} deliveries in flight under a lease, skipping an
   * (event, target) pair that exists, and returns {@link #INSERTED_CLAIMED} of those inserted.
   * Binds per row: outbox id, event id, target, lease end (as next_attempt_at: due again then if
   * this worker dies, as a claim leaves it), lease owner, lease end, now twice.
   */
  RenderedQuery insertClaimed(int rows) {
    return insertClaimed.computeIfAbsent(rows, this::renderInsertClaimed);
  }

  private RenderedQuery renderInsertClaimed(int rows) {
    List<Field<?>> row =
        List.of(
            DSL.val((Long) null),
            DSL.val((String) null),
            DSL.val((String) null),
            DSL.inline(IN_FLIGHT),
            DSL.val((Long) null),
            DSL.val((String) null),
            DSL.val((Long) null),
            DSL.val((Long) null),
            DSL.val((Long) null));
    InsertValuesStepN<DeliveriesRecord> values =
        DSL.insertInto(
            DELIVERIES,
            List.of(
                DELIVERIES.OUTBOX_ID,
                DELIVERIES.EVENT_ID,
                DELIVERIES.TARGET,
                DELIVERIES.STATUS,
                DELIVERIES.NEXT_ATTEMPT_AT,
                DELIVERIES.LEASE_OWNER,
                DELIVERIES.LEASE_UNTIL,
                DELIVERIES.CREATED_AT,
                DELIVERIES.UPDATED_AT));
    for (int i = 0; i < rows; i++) {
      values = values.values(row);
    }
    // RETURNING by template: jOOQ leaves it out of an INSERT rendered for SQLite (it would fetch
    // generated keys instead), and both databases take the same clause.
    return RenderedQuery.of(
        dialect,
        DSL.resultQuery(
            "{0} returning {1}",
            values.onConflictDoNothing(),
            DSL.list(
                Arrays.stream(INSERTED_CLAIMED)
                    .map(column -> DSL.field(column.getUnqualifiedName()))
                    .toList())),
        INSERTED_CLAIMED);
  }

  /**
   * Binds: updated_at, then the target and key three times. The key's first queued delivery (in
   * outbox order) becomes its head unless the key has a live head already, or a dead one that
   * blocks it. Run after every change to a key, under the key's lock: whoever changes a key last
   * sees every earlier change and moves it on, so a key never has two heads nor stays without one.
   */
  private static Query advance() {
    var queued = DELIVERIES.as("q");
    var head = DELIVERIES.as("h");
    return DSL.update(DELIVERIES)
        .set(DELIVERIES.STATUS, WAITING_AGAIN)
        .set(DELIVERIES.UPDATED_AT, (Long) null)
        .where(
            DELIVERIES.ID.eq(
                DSL.select(queued.ID)
                    .from(queued)
                    .where(queued.TARGET.eq((String) null))
                    .and(queued.ORDER_KEY.eq((String) null))
                    .and(queued.STATUS.eq(DSL.inline(QUEUED)))
                    .orderBy(queued.OUTBOX_ID)
                    .limit(DSL.inline(1))))
        .andNotExists(
            DSL.selectOne()
                .from(head)
                .where(head.TARGET.eq((String) null))
                .and(head.ORDER_KEY.eq((String) null))
                // Inlined like CLAIMABLE: the partial indexes deliveries_key_head and _dead (V15).
                .and(
                    head.STATUS.in(
                        DSL.inline(DeliveryStatus.PENDING.dbValue()),
                        DSL.inline(DeliveryStatus.SCHEDULED.dbValue()),
                        DSL.inline(IN_FLIGHT))))
        .andNotExists(
            DSL.selectOne()
                .from(head)
                .where(head.TARGET.eq((String) null))
                .and(head.ORDER_KEY.eq((String) null))
                .and(head.STATUS.eq(DSL.inline(DeliveryStatus.DEAD.dbValue())))
                .and(head.ON_DEAD.eq(DSL.inline(DeadHeadPolicy.BLOCK.text()))));
  }
}
