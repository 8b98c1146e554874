package dev.herald.core.route;

import static dev.herald.core.store.jooq.Tables.DELIVERIES;
import static java.util.Objects.requireNonNull;

import dev.herald.core.dispatch.TargetRef;
import dev.herald.core.route.KeyLines.Line;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * The transitions operators ask of {@link JooqDeliveryStore} (retry now, discard, abandon a
 * target's waiting deliveries), keeping ordered keys in line.
 */
final class OperatorTransitions {

  private static final Field<String> WAITING_AGAIN = DeliveryStatements.WAITING_AGAIN;
  private static final String QUEUED = DeliveryStatements.QUEUED;

  private final KeyLines lines;

  OperatorTransitions(KeyLines lines) {
    this.lines = requireNonNull(lines, "lines");
  }

  /** See {@link DeliveryStore#makeDue}. */
  boolean makeDue(DSLContext tx, long deliveryId, Instant now) {
    Optional<Line> line = lineOf(tx, deliveryId);
    line.ifPresent(ordered -> lines.lock(tx, List.of(ordered)));
    // An ordered one rejoins its line and moves up only when it is first in it.
    Field<String> status = line.isPresent() ? DSL.inline(QUEUED) : WAITING_AGAIN;
    boolean changed =
        tx.update(DELIVERIES)
                .set(DELIVERIES.STATUS, status)
                .set(DELIVERIES.NEXT_ATTEMPT_AT, now.toEpochMilli())
                .set(DELIVERIES.UPDATED_AT, now.toEpochMilli())
                .where(DELIVERIES.ID.eq(deliveryId))
                .and(
                    DELIVERIES.STATUS.in(
                        DeliveryStatus.PENDING.dbValue(),
                        DeliveryStatus.SCHEDULED.dbValue(),
                        DeliveryStatus.DEAD.dbValue()))
                .execute()
            == 1;
    if (changed) {
      line.ifPresent(ordered -> lines.advance(tx, List.of(ordered), now));
    }
    return changed;
  }

  /** See {@link DeliveryStore#discard}. */
  boolean discard(DSLContext tx, long deliveryId, Instant now) {
    Optional<Line> line = lineOf(tx, deliveryId);
    line.ifPresent(ordered -> lines.lock(tx, List.of(ordered)));
    boolean changed =
        tx.update(DELIVERIES)
                .set(DELIVERIES.STATUS, DeliveryStatus.DISCARDED.dbValue())
                .set(DELIVERIES.UPDATED_AT, now.toEpochMilli())
                .where(DELIVERIES.ID.eq(deliveryId))
                .and(DELIVERIES.STATUS.eq(DeliveryStatus.DEAD.dbValue()))
                .execute()
            == 1;
    if (changed) {
      line.ifPresent(ordered -> lines.advance(tx, List.of(ordered), now));
    }
    return changed;
  }

  /** Returns the line of an ordered delivery; empty for an unordered or missing one. */
  private static Optional<Line> lineOf(DSLContext ctx, long deliveryId) {
    return ctx.select(DELIVERIES.TARGET, DELIVERIES.ORDER_KEY)
        .from(DELIVERIES)
        .where(DELIVERIES.ID.eq(deliveryId))
        .and(DELIVERIES.ORDER_KEY.isNotNull())
        .fetchOptional(r -> new Line(r.value1(), r.value2()));
  }

  /** See {@link DeliveryStore#abandonWaiting}. */
  int abandonWaiting(DSLContext tx, TargetRef target, String reason, Instant now) {
    return tx.update(DELIVERIES)
        .set(DELIVERIES.STATUS, DeliveryStatus.DEAD.dbValue())
        .set(DELIVERIES.LAST_ERROR, reason)
        .set(DELIVERIES.UPDATED_AT, now.toEpochMilli())
        .where(DELIVERIES.TARGET.eq(target.key()))
        .and(
            DELIVERIES.STATUS.in(
                DeliveryStatus.PENDING.dbValue(), QUEUED, DeliveryStatus.SCHEDULED.dbValue()))
        .execute();
  }
}
