package dev.herald.core.route;

import static dev.herald.core.store.jooq.Tables.DELIVERIES;
import static dev.herald.core.store.jooq.Tables.DELIVERY_LOGS;
import static java.util.Objects.requireNonNull;

import dev.herald.core.dispatch.DeliveryResult;
import dev.herald.core.dispatch.TargetRef;
import dev.herald.core.route.DeliveryStore.KeyPlace;
import dev.herald.core.route.KeyLines.Line;
import dev.herald.core.store.Dialect;
import dev.herald.core.store.PurgedRows;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.ToIntFunction;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * Stores deliveries through jOOQ: one statement per claim, and one prepared statement bound per row
 * for each batch of new deliveries and of outcomes ({@link DeliveryStatements}, rendered once for
 * the store's dialect); operator commands, replays and retention build theirs as they go.
 */
public final class JooqDeliveryStore implements DeliveryStore {

  /** The value of {@code deliveries.purpose} for replayed deliveries ({@code live} otherwise). */
  public static final String REPLAY_PURPOSE = "replay";

  private static final String IN_FLIGHT = DeliveryStatements.IN_FLIGHT;
  // Rows per statement of a claim at creation: one rendered statement per size up to this.
  private static final int CLAIMED_INSERT_ROWS = 100;
  // The attempt log's outcome of a delivery handed back unattempted (beside succeeded, retry,
  // dead).
  private static final String DEFERRED = "deferred";

  private static final Field<String> WAITING_AGAIN = DeliveryStatements.WAITING_AGAIN;
  private static final String QUEUED = DeliveryStatements.QUEUED;

  private final Dialect dialect;
  private final DeliveryStatements statements;
  private final KeyLines lines;
  private final DeliveryReplays replays;
  private final DeliveryPurges purges;
  private final OperatorTransitions operators;

  /** Creates the store for a database of the given dialect. */
  public JooqDeliveryStore(Dialect dialect) {
    this.dialect = requireNonNull(dialect, "dialect");
    this.statements = new DeliveryStatements(dialect);
    this.lines = new KeyLines(dialect, statements.advance);
    this.replays = new DeliveryReplays(lines);
    this.purges = new DeliveryPurges(dialect);
    this.operators = new OperatorTransitions(lines);
  }

  @Override
  public void create(DSLContext tx, Collection<NewDelivery> deliveries, Instant now) {
    if (deliveries.isEmpty()) {
      return;
    }
    long millis = now.toEpochMilli();
    Set<Line> touched = new LinkedHashSet<>();
    deliveries.forEach(
        delivery -> {
          if (delivery.place() != null) {
            touched.add(new Line(delivery.target().key(), delivery.place().key()));
          }
        });
    lines.lock(tx, touched);
    // Ordered ones join the end of their line; the first of a line without a head then moves up.
    statements.insert.executeBatch(
        tx,
        deliveries,
        delivery -> {
          KeyPlace place = delivery.place();
          return new Object[] {
            delivery.outboxId(),
            delivery.eventId(),
            delivery.target().key(),
            place == null ? DeliveryStatus.PENDING.dbValue() : QUEUED,
            millis,
            millis,
            millis,
            place == null ? null : place.key(),
            place == null ? null : place.onDead().text()
          };
        });
    lines.advance(tx, touched, now);
  }

  @Override
  public List<ClaimedDelivery> claim(
      DSLContext tx,
      TargetRef target,
      String owner,
      Instant now,
      Duration lease,
      int limit,
      int maxInFlight) {
    long millis = now.toEpochMilli();
    int want = room(tx, target, millis, limit, maxInFlight);
    if (want <= 0) {
      return List.of();
    }
    long leaseUntil = now.plus(lease).toEpochMilli();
    return statements
        .claim
        .fetch(tx, owner, leaseUntil, leaseUntil, millis, target.key(), millis, want)
        .map(
            r ->
                new ClaimedDelivery(
                    r.get(DELIVERIES.ID),
                    r.get(DELIVERIES.OUTBOX_ID),
                    r.get(DELIVERIES.EVENT_ID),
                    target,
                    Math.toIntExact(r.get(DELIVERIES.ATTEMPT_COUNT)) + 1,
                    REPLAY_PURPOSE.equals(r.get(DELIVERIES.PURPOSE)),
                    r.get(DELIVERIES.ORDER_KEY)));
  }

  /**
   * Returns how many of the target's deliveries this node may claim now, at most {@code limit}.
   * Where several nodes claim, one node at a time counts and claims a target, so together they
   * never exceed its limit; busy elsewhere, this node tries again on its next pass rather than
   * waiting.
   */
  private int room(DSLContext tx, TargetRef target, long millis, int limit, int maxInFlight) {
    if (dialect.singleWriter()) {
      return limit;
    }
    if (!dialect.tryLock(tx, "herald.claim:" + target.key())) {
      return 0;
    }
    int running = statements.inFlight.fetch(tx, target.key(), millis).getFirst().get(DSL.count());
    return Math.min(limit, maxInFlight - running);
  }

  @Override
  public List<ClaimedDelivery> createClaimed(
      DSLContext tx,
      Collection<NewDelivery> deliveries,
      Instant now,
      String owner,
      Duration lease,
      Map<TargetRef, Integer> wanted,
      ToIntFunction<TargetRef> maxInFlight) {
    long millis = now.toEpochMilli();
    Map<TargetRef, Integer> left = new HashMap<>();
    wanted.forEach(
        (target, want) -> {
          int room = room(tx, target, millis, want, maxInFlight.applyAsInt(target));
          if (room > 0) {
            left.put(target, room);
          }
        });
    // Ordered ones wait in their key's line: only a claim moves a head up to in flight.
    List<NewDelivery> fresh = new ArrayList<>();
    List<NewDelivery> waiting = new ArrayList<>();
    for (NewDelivery delivery : deliveries) {
      if (delivery.place() == null && left.merge(delivery.target(), -1, Integer::sum) >= 0) {
        fresh.add(delivery);
      } else {
        waiting.add(delivery);
      }
    }
    create(tx, waiting, now);
    if (fresh.isEmpty()) {
      return List.of();
    }
    long leaseUntil = now.plus(lease).toEpochMilli();
    List<ClaimedDelivery> claimed = new ArrayList<>(fresh.size());
    for (int from = 0; from < fresh.size(); from += CLAIMED_INSERT_ROWS) {
      List<NewDelivery> chunk =
          fresh.subList(from, Math.min(fresh.size(), from + CLAIMED_INSERT_ROWS));
      Object[] values = new Object[chunk.size() * 8];
      int i = 0;
      for (NewDelivery delivery : chunk) {
        values[i++] = delivery.outboxId();
        values[i++] = delivery.eventId();
        values[i++] = delivery.target().key();
        values[i++] = leaseUntil;
        values[i++] = owner;
        values[i++] = leaseUntil;
        values[i++] = millis;
        values[i++] = millis;
      }
      statements
          .insertClaimed(chunk.size())
          .fetch(tx, values)
          .forEach(
              r ->
                  claimed.add(
                      new ClaimedDelivery(
                          r.get(DELIVERIES.ID),
                          r.get(DELIVERIES.OUTBOX_ID),
                          r.get(DELIVERIES.EVENT_ID),
                          TargetRef.parse(r.get(DELIVERIES.TARGET)),
                          1)));
    }
    return claimed;
  }

  @Override
  public void record(DSLContext tx, String owner, Collection<AttemptRecord> attempts) {
    if (attempts.isEmpty()) {
      return;
    }
    Set<Line> touched = new LinkedHashSet<>();
    attempts.forEach(
        attempt -> {
          ClaimedDelivery delivery = attempt.delivery();
          if (delivery.orderKey() != null) {
            touched.add(new Line(delivery.target().key(), delivery.orderKey()));
          }
        });
    lines.lock(tx, touched);
    statements.log.executeBatch(
        tx,
        attempts,
        attempt -> {
          DeliveryResult result = attempt.result();
          return new Object[] {
            attempt.delivery().id(),
            (long) attempt.delivery().attempt(),
            attempt.startedAt().toEpochMilli(),
            attempt.latencyMicros(),
            attempt.logOutcome(),
            result.httpStatus() == null ? null : result.httpStatus().longValue(),
            result.grpcCode(),
            result.errorClass(),
            result.errorMessage(),
            result.responseExcerpt()
          };
        });
    statements.transition.executeBatch(
        tx,
        attempts,
        attempt ->
            new Object[] {
              attempt.next().dbValue(),
              (long) attempt.delivery().attempt(),
              attempt.nextAttemptAt() == null ? null : attempt.nextAttemptAt().toEpochMilli(),
              attempt.lastError(),
              attempt.startedAt().toEpochMilli(),
              attempt.delivery().id(),
              owner
            });
    // A head that succeeded, or died on a key that skips dead heads, lets its line move on.
    lines.advance(tx, touched, attempts.iterator().next().startedAt());
  }

  @Override
  public int renewLeases(
      DSLContext tx, String owner, Collection<Long> deliveryIds, Instant now, Duration lease) {
    if (deliveryIds.isEmpty()) {
      return 0;
    }
    long leaseUntil = now.plus(lease).toEpochMilli();
    return tx.update(DELIVERIES)
        .set(DELIVERIES.LEASE_UNTIL, leaseUntil)
        .set(DELIVERIES.NEXT_ATTEMPT_AT, leaseUntil)
        .set(DELIVERIES.UPDATED_AT, now.toEpochMilli())
        .where(DELIVERIES.ID.in(deliveryIds))
        .and(DELIVERIES.STATUS.eq(IN_FLIGHT))
        .and(DELIVERIES.LEASE_OWNER.eq(owner))
        .and(DELIVERIES.LEASE_UNTIL.gt(now.toEpochMilli()))
        .execute();
  }

  @Override
  public void release(DSLContext tx, String owner, Collection<Long> deliveryIds, Instant now) {
    if (deliveryIds.isEmpty()) {
      return;
    }
    tx.update(DELIVERIES)
        .set(DELIVERIES.STATUS, WAITING_AGAIN)
        .set(DELIVERIES.NEXT_ATTEMPT_AT, now.toEpochMilli())
        .set(DELIVERIES.LEASE_OWNER, (String) null)
        .set(DELIVERIES.LEASE_UNTIL, (Long) null)
        .set(DELIVERIES.UPDATED_AT, now.toEpochMilli())
        .where(DELIVERIES.ID.in(deliveryIds))
        .and(DELIVERIES.LEASE_OWNER.eq(owner))
        .execute();
  }

  @Override
  public void defer(
      DSLContext tx,
      String owner,
      Collection<Long> deliveryIds,
      String errorClass,
      String message,
      Instant now) {
    if (deliveryIds.isEmpty()) {
      return;
    }
    tx.insertInto(
            DELIVERY_LOGS,
            DELIVERY_LOGS.DELIVERY_ID,
            DELIVERY_LOGS.ATTEMPT,
            DELIVERY_LOGS.STARTED_AT,
            DELIVERY_LOGS.LATENCY_MICROS,
            DELIVERY_LOGS.OUTCOME,
            DELIVERY_LOGS.ERROR_CLASS,
            DELIVERY_LOGS.ERROR_MESSAGE)
        .select(
            DSL.select(
                    DELIVERIES.ID,
                    DELIVERIES.ATTEMPT_COUNT.plus(1),
                    DSL.val(now.toEpochMilli()),
                    DSL.val(0L),
                    DSL.val(DEFERRED),
                    DSL.val(errorClass),
                    DSL.val(message))
                .from(DELIVERIES)
                .where(DELIVERIES.ID.in(deliveryIds))
                .and(DELIVERIES.STATUS.eq(IN_FLIGHT))
                .and(DELIVERIES.LEASE_OWNER.eq(owner))
                .orderBy(DELIVERIES.ID))
        .execute();
    release(tx, owner, deliveryIds, now);
  }

  @Override
  public Optional<Instant> nextDue(DSLContext ctx, TargetRef target) {
    return statements.nextDue.fetch(ctx, target.key()).stream()
        .findFirst()
        .map(r -> Instant.ofEpochMilli(r.get(DELIVERIES.NEXT_ATTEMPT_AT)));
  }

  @Override
  public Optional<DeliveryStatus> status(DSLContext ctx, long deliveryId) {
    return ctx.select(DELIVERIES.STATUS)
        .from(DELIVERIES)
        .where(DELIVERIES.ID.eq(deliveryId))
        .fetchOptional(DELIVERIES.STATUS)
        .map(DeliveryStatus::fromDb);
  }

  @Override
  public boolean makeDue(DSLContext tx, long deliveryId, Instant now) {
    return operators.makeDue(tx, deliveryId, now);
  }

  @Override
  public boolean discard(DSLContext tx, long deliveryId, Instant now) {
    return operators.discard(tx, deliveryId, now);
  }

  @Override
  public int abandonWaiting(DSLContext tx, TargetRef target, String reason, Instant now) {
    return operators.abandonWaiting(tx, target, reason, now);
  }

  @Override
  public Map<String, Map<TargetRef, DeliveryStatus>> statuses(
      DSLContext ctx, Collection<String> eventIds) {
    Map<String, Map<TargetRef, DeliveryStatus>> statuses = new HashMap<>();
    if (eventIds.isEmpty()) {
      return statuses;
    }
    ctx.select(DELIVERIES.EVENT_ID, DELIVERIES.TARGET, DELIVERIES.STATUS)
        .from(DELIVERIES)
        .where(DELIVERIES.EVENT_ID.in(eventIds))
        .forEach(
            r ->
                statuses
                    .computeIfAbsent(r.value1(), k -> new HashMap<>())
                    .put(TargetRef.parse(r.value2()), DeliveryStatus.fromDb(r.value3())));
    return statuses;
  }

  @Override
  public void replay(
      DSLContext tx, Collection<ReplayedDelivery> deliveries, Instant now, OptionalLong run) {
    replays.replay(tx, deliveries, now, run);
  }

  @Override
  public int purgeFinished(DSLContext tx, DeliveryStatus status, Instant before, int limit) {
    return purges.purgeFinished(tx, status, before, limit);
  }

  @Override
  public PurgedRows purgeAttemptLogs(DSLContext tx, long afterId, Instant before, int limit) {
    return purges.purgeAttemptLogs(tx, afterId, before, limit);
  }
}
