package dev.herald.core.route;

import static dev.herald.core.store.jooq.Tables.DELIVERIES;
import static dev.herald.core.store.jooq.Tables.DELIVERY_LOGS;

import dev.herald.core.dispatch.DeliveryResult;
import dev.herald.core.dispatch.TargetRef;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jooq.BatchBindStep;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Stores deliveries through jOOQ: one statement per claim, and one prepared statement bound per row
 * for each batch of new deliveries and of outcomes.
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

  @Override
  public int create(DSLContext tx, Collection<NewDelivery> deliveries, Instant now) {
    if (deliveries.isEmpty()) {
      return 0;
    }
    long millis = now.toEpochMilli();
    BatchBindStep insert =
        tx.batch(
            tx.insertInto(
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
    var due =
        DSL.select(DELIVERIES.ID)
            .from(DELIVERIES)
            .where(DELIVERIES.TARGET.eq(target.key()))
            .and(CLAIMABLE)
            .and(DELIVERIES.NEXT_ATTEMPT_AT.le(millis))
            .orderBy(DELIVERIES.NEXT_ATTEMPT_AT)
            .limit(limit);
    // The claim moves next_attempt_at to the end of the lease: if this worker dies, the row is
    // due again then, with no separate sweep.
    return tx.update(DELIVERIES)
        .set(DELIVERIES.STATUS, DeliveryStatus.IN_FLIGHT.dbValue())
        .set(DELIVERIES.LEASE_OWNER, owner)
        .set(DELIVERIES.LEASE_UNTIL, leaseUntil)
        .set(DELIVERIES.NEXT_ATTEMPT_AT, leaseUntil)
        .set(DELIVERIES.UPDATED_AT, millis)
        .where(DELIVERIES.ID.in(due))
        .returning(
            DELIVERIES.ID,
            DELIVERIES.OUTBOX_ID,
            DELIVERIES.EVENT_ID,
            DELIVERIES.ATTEMPT_COUNT,
            DELIVERIES.PURPOSE)
        .fetch(
            r ->
                new ClaimedDelivery(
                    r.getId(),
                    r.getOutboxId(),
                    r.getEventId(),
                    target,
                    Math.toIntExact(r.getAttemptCount()) + 1,
                    REPLAY_PURPOSE.equals(r.getPurpose())));
  }

  @Override
  public void record(DSLContext tx, String owner, Collection<AttemptRecord> attempts) {
    if (attempts.isEmpty()) {
      return;
    }
    BatchBindStep logs =
        tx.batch(
            tx.insertInto(
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
    // Bind order: status, attempt_count, next_attempt_at (null keeps it), last_error, updated_at,
    // then the WHERE's id and lease owner.
    BatchBindStep transitions =
        tx.batch(
            tx.update(DELIVERIES)
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
    return ctx.select(DELIVERIES.NEXT_ATTEMPT_AT)
        .from(DELIVERIES)
        .where(DELIVERIES.TARGET.eq(target.key()))
        .and(CLAIMABLE)
        .orderBy(DELIVERIES.NEXT_ATTEMPT_AT)
        .limit(1)
        .fetchOptional(DELIVERIES.NEXT_ATTEMPT_AT)
        .map(Instant::ofEpochMilli);
  }
}
