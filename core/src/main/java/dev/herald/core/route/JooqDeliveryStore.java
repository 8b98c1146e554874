package dev.herald.core.route;

import static dev.herald.core.store.jooq.Tables.DELIVERIES;
import static dev.herald.core.store.jooq.Tables.DELIVERY_LOGS;

import dev.herald.core.dispatch.DeliveryResult;
import dev.herald.core.dispatch.TargetRef;
import dev.herald.core.store.RenderedQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jooq.BatchBindStep;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Stores deliveries through jOOQ in SQLite: one statement per claim, and one prepared statement
 * bound per row for each batch of new deliveries and of outcomes, each rendered once.
 */
public final class JooqDeliveryStore implements DeliveryStore {

  private static final String REPLAY_PURPOSE = "replay";

  // Inlined, not bound: SQLite uses the partial index deliveries_claimable only when the query
  // repeats its WHERE term literally.
  private static final Condition CLAIMABLE =
      DELIVERIES.STATUS.in(
          DSL.inline(DeliveryStatus.PENDING.dbValue()),
          DSL.inline(DeliveryStatus.SCHEDULED.dbValue()),
          DSL.inline(DeliveryStatus.IN_FLIGHT.dbValue()));

  private static final RenderedQuery INSERT =
      RenderedQuery.of(
          SQLDialect.SQLITE,
          DSL.insertInto(
                  DELIVERIES,
                  DELIVERIES.OUTBOX_ID,
                  DELIVERIES.EVENT_ID,
                  DELIVERIES.TARGET,
                  DELIVERIES.STATUS,
                  DELIVERIES.NEXT_ATTEMPT_AT,
                  DELIVERIES.CREATED_AT,
                  DELIVERIES.UPDATED_AT)
              .values((Long) null, null, null, null, null, null, null)
              .onConflictDoNothing());

  // Binds: lease owner, lease end (twice), now; then the target, now, and the limit. The claim
  // moves next_attempt_at to the end of the lease: if this worker dies, the row is due again then,
  // with no separate sweep.
  private static final Field<?>[] CLAIMED = {
    DELIVERIES.ID,
    DELIVERIES.OUTBOX_ID,
    DELIVERIES.EVENT_ID,
    DELIVERIES.ATTEMPT_COUNT,
    DELIVERIES.PURPOSE
  };

  private static final RenderedQuery CLAIM =
      RenderedQuery.of(
          SQLDialect.SQLITE,
          DSL.update(DELIVERIES)
              .set(DELIVERIES.STATUS, DSL.inline(DeliveryStatus.IN_FLIGHT.dbValue()))
              .set(DELIVERIES.LEASE_OWNER, (String) null)
              .set(DELIVERIES.LEASE_UNTIL, (Long) null)
              .set(DELIVERIES.NEXT_ATTEMPT_AT, (Long) null)
              .set(DELIVERIES.UPDATED_AT, (Long) null)
              .where(
                  DELIVERIES.ID.in(
                      DSL.select(DELIVERIES.ID)
                          .from(DELIVERIES)
                          .where(DELIVERIES.TARGET.eq((String) null))
                          .and(CLAIMABLE)
                          .and(DELIVERIES.NEXT_ATTEMPT_AT.le((Long) null))
                          .orderBy(DELIVERIES.NEXT_ATTEMPT_AT)
                          .limit(DSL.val(0))))
              .returning(CLAIMED),
          CLAIMED);

  private static final RenderedQuery LOG =
      RenderedQuery.of(
          SQLDialect.SQLITE,
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

  // Binds: status, attempt_count, next_attempt_at (null keeps it), last_error, updated_at, then the
  // WHERE's id and lease owner.
  private static final RenderedQuery TRANSITION =
      RenderedQuery.of(
          SQLDialect.SQLITE,
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
              .and(DELIVERIES.STATUS.eq(DSL.inline(DeliveryStatus.IN_FLIGHT.dbValue())))
              .and(DELIVERIES.LEASE_OWNER.eq((String) null)));

  // Binds: the target.
  private static final RenderedQuery NEXT_DUE =
      RenderedQuery.of(
          SQLDialect.SQLITE,
          DSL.select(DELIVERIES.NEXT_ATTEMPT_AT)
              .from(DELIVERIES)
              .where(DELIVERIES.TARGET.eq((String) null))
              .and(CLAIMABLE)
              .orderBy(DELIVERIES.NEXT_ATTEMPT_AT)
              .limit(DSL.inline(1)),
          DELIVERIES.NEXT_ATTEMPT_AT);

  @Override
  public int create(DSLContext tx, Collection<NewDelivery> deliveries, Instant now) {
    if (deliveries.isEmpty()) {
      return 0;
    }
    long millis = now.toEpochMilli();
    BatchBindStep insert = INSERT.batch(tx);
    for (NewDelivery delivery : deliveries) {
      insert =
          insert.bind(
              delivery.outboxId(),
              delivery.eventId(),
              delivery.target().key(),
              DeliveryStatus.PENDING.dbValue(),
              millis,
              millis,
              millis);
    }
    int created = 0;
    for (int count : insert.execute()) {
      created += Math.max(0, count);
    }
    return created;
  }

  @Override
  public List<ClaimedDelivery> claim(
      DSLContext tx, TargetRef target, String owner, Instant now, Duration lease, int limit) {
    long millis = now.toEpochMilli();
    long leaseUntil = now.plus(lease).toEpochMilli();
    return CLAIM
        .fetch(tx, owner, leaseUntil, leaseUntil, millis, target.key(), millis, limit)
        .map(
            r ->
                new ClaimedDelivery(
                    r.get(DELIVERIES.ID),
                    r.get(DELIVERIES.OUTBOX_ID),
                    r.get(DELIVERIES.EVENT_ID),
                    target,
                    Math.toIntExact(r.get(DELIVERIES.ATTEMPT_COUNT)) + 1,
                    REPLAY_PURPOSE.equals(r.get(DELIVERIES.PURPOSE))));
  }

  @Override
  public void record(DSLContext tx, String owner, Collection<AttemptRecord> attempts) {
    if (attempts.isEmpty()) {
      return;
    }
    BatchBindStep logs = LOG.batch(tx);
    BatchBindStep transitions = TRANSITION.batch(tx);
    for (AttemptRecord attempt : attempts) {
      DeliveryResult result = attempt.result();
      logs =
          logs.bind(
              attempt.delivery().id(),
              (long) attempt.delivery().attempt(),
              attempt.startedAt().toEpochMilli(),
              attempt.latencyMicros(),
              attempt.logOutcome(),
              result.httpStatus() == null ? null : result.httpStatus().longValue(),
              result.grpcCode(),
              result.errorClass(),
              result.errorMessage(),
              result.responseExcerpt());
      transitions =
          transitions.bind(
              attempt.next().dbValue(),
              (long) attempt.delivery().attempt(),
              attempt.nextAttemptAt() == null ? null : attempt.nextAttemptAt().toEpochMilli(),
              attempt.lastError(),
              attempt.startedAt().toEpochMilli(),
              attempt.delivery().id(),
              owner);
    }
    logs.execute();
    transitions.execute();
  }

  @Override
  public boolean renewLease(
      DSLContext tx, String owner, long deliveryId, Instant now, Duration lease) {
    long leaseUntil = now.plus(lease).toEpochMilli();
    return tx.update(DELIVERIES)
            .set(DELIVERIES.LEASE_UNTIL, leaseUntil)
            .set(DELIVERIES.NEXT_ATTEMPT_AT, leaseUntil)
            .set(DELIVERIES.UPDATED_AT, now.toEpochMilli())
            .where(DELIVERIES.ID.eq(deliveryId))
            .and(DELIVERIES.STATUS.eq(DeliveryStatus.IN_FLIGHT.dbValue()))
            .and(DELIVERIES.LEASE_OWNER.eq(owner))
            .and(DELIVERIES.LEASE_UNTIL.gt(now.toEpochMilli()))
            .execute()
        == 1;
  }

  @Override
  public void release(DSLContext tx, String owner, Collection<Long> deliveryIds, Instant now) {
    if (deliveryIds.isEmpty()) {
      return;
    }
    tx.update(DELIVERIES)
        .set(
            DELIVERIES.STATUS,
            DSL.when(DELIVERIES.ATTEMPT_COUNT.eq(0L), DeliveryStatus.PENDING.dbValue())
                .otherwise(DeliveryStatus.SCHEDULED.dbValue()))
        .set(DELIVERIES.NEXT_ATTEMPT_AT, now.toEpochMilli())
        .set(DELIVERIES.LEASE_OWNER, (String) null)
        .set(DELIVERIES.LEASE_UNTIL, (Long) null)
        .set(DELIVERIES.UPDATED_AT, now.toEpochMilli())
        .where(DELIVERIES.ID.in(deliveryIds))
        .and(DELIVERIES.LEASE_OWNER.eq(owner))
        .execute();
  }

  @Override
  public Optional<Instant> nextDue(DSLContext ctx, TargetRef target) {
    return NEXT_DUE.fetch(ctx, target.key()).stream()
        .findFirst()
        .map(r -> Instant.ofEpochMilli(r.get(DELIVERIES.NEXT_ATTEMPT_AT)));
  }
}
