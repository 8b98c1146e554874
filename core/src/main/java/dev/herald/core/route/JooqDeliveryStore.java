package dev.herald.core.route;

import static dev.herald.core.store.jooq.Tables.DELIVERIES;
import static dev.herald.core.store.jooq.Tables.DELIVERY_LOGS;

import dev.herald.core.dispatch.DeliveryResult;
import dev.herald.core.dispatch.TargetRef;
import dev.herald.core.store.jooq.tables.records.DeliveriesRecord;
import dev.herald.core.store.jooq.tables.records.DeliveryLogsRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.InsertValuesStep10;
import org.jooq.InsertValuesStep7;
import org.jooq.Query;
import org.jooq.impl.DSL;

/** Stores deliveries through jOOQ: one statement per claim, one batch per group of outcomes. */
public final class JooqDeliveryStore implements DeliveryStore {

  private static final String REPLAY_PURPOSE = "replay";

  private static final List<String> CLAIMABLE =
      List.of(
          DeliveryStatus.PENDING.dbValue(),
          DeliveryStatus.SCHEDULED.dbValue(),
          DeliveryStatus.IN_FLIGHT.dbValue());

  @Override
  public int create(DSLContext tx, Collection<NewDelivery> deliveries, Instant now) {
    if (deliveries.isEmpty()) {
      return 0;
    }
    long millis = now.toEpochMilli();
    InsertValuesStep7<DeliveriesRecord, Long, String, String, String, Long, Long, Long> insert =
        tx.insertInto(
            DELIVERIES,
            DELIVERIES.OUTBOX_ID,
            DELIVERIES.EVENT_ID,
            DELIVERIES.TARGET,
            DELIVERIES.STATUS,
            DELIVERIES.NEXT_ATTEMPT_AT,
            DELIVERIES.CREATED_AT,
            DELIVERIES.UPDATED_AT);
    for (NewDelivery delivery : deliveries) {
      insert =
          insert.values(
              delivery.outboxId(),
              delivery.eventId(),
              delivery.target().key(),
              DeliveryStatus.PENDING.dbValue(),
              millis,
              millis,
              millis);
    }
    return insert.onConflictDoNothing().execute();
  }

  @Override
  public List<ClaimedDelivery> claim(
      DSLContext tx,
      String owner,
      Instant now,
      Duration lease,
      int limit,
      Collection<String> excludedTargets) {
    long millis = now.toEpochMilli();
    long leaseUntil = now.plus(lease).toEpochMilli();
    var due =
        DSL.select(DELIVERIES.ID)
            .from(DELIVERIES)
            .where(dueCondition(excludedTargets).and(DELIVERIES.NEXT_ATTEMPT_AT.le(millis)))
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
            DELIVERIES.TARGET,
            DELIVERIES.ATTEMPT_COUNT,
            DELIVERIES.PURPOSE)
        .fetch(
            r ->
                new ClaimedDelivery(
                    r.getId(),
                    r.getOutboxId(),
                    r.getEventId(),
                    TargetRef.parse(r.getTarget()),
                    Math.toIntExact(r.getAttemptCount()) + 1,
                    REPLAY_PURPOSE.equals(r.getPurpose())));
  }

  private static Condition dueCondition(Collection<String> excludedTargets) {
    Condition condition = DELIVERIES.STATUS.in(CLAIMABLE);
    return excludedTargets.isEmpty()
        ? condition
        : condition.and(DELIVERIES.TARGET.notIn(excludedTargets));
  }

  @Override
  public void record(DSLContext tx, String owner, Collection<AttemptRecord> attempts) {
    if (attempts.isEmpty()) {
      return;
    }
    InsertValuesStep10<
            DeliveryLogsRecord,
            Long,
            Long,
            Long,
            Long,
            String,
            Long,
            String,
            String,
            String,
            String>
        logs =
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
                DELIVERY_LOGS.RESPONSE_EXCERPT);
    List<Query> updates = new ArrayList<>(attempts.size());
    for (AttemptRecord attempt : attempts) {
      DeliveryResult result = attempt.result();
      logs =
          logs.values(
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
      updates.add(transition(tx, owner, attempt));
    }
    logs.execute();
    tx.batch(updates).execute();
  }

  private static Query transition(DSLContext tx, String owner, AttemptRecord attempt) {
    long updatedAt = attempt.startedAt().toEpochMilli();
    return tx.update(DELIVERIES)
        .set(DELIVERIES.STATUS, attempt.next().dbValue())
        .set(DELIVERIES.ATTEMPT_COUNT, (long) attempt.delivery().attempt())
        .set(
            DELIVERIES.NEXT_ATTEMPT_AT,
            attempt.nextAttemptAt() == null
                ? DELIVERIES.NEXT_ATTEMPT_AT
                : DSL.val(attempt.nextAttemptAt().toEpochMilli()))
        .set(DELIVERIES.LEASE_OWNER, (String) null)
        .set(DELIVERIES.LEASE_UNTIL, (Long) null)
        .set(DELIVERIES.LAST_ERROR, attempt.lastError())
        .set(DELIVERIES.UPDATED_AT, updatedAt)
        .where(DELIVERIES.ID.eq(attempt.delivery().id()))
        .and(DELIVERIES.STATUS.eq(DeliveryStatus.IN_FLIGHT.dbValue()))
        .and(DELIVERIES.LEASE_OWNER.eq(owner));
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
  public Optional<Instant> nextDue(DSLContext ctx, Collection<String> excludedTargets) {
    Long next =
        ctx.select(DSL.min(DELIVERIES.NEXT_ATTEMPT_AT))
            .from(DELIVERIES)
            .where(dueCondition(excludedTargets))
            .fetchOne(0, Long.class);
    return Optional.ofNullable(next).map(Instant::ofEpochMilli);
  }
}
