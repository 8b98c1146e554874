package dev.herald.core.admin;

import static dev.herald.core.store.jooq.Tables.DELIVERIES;
import static java.util.Objects.requireNonNull;

import dev.herald.core.dispatch.TargetRef;
import dev.herald.core.route.DeliveryStatus;
import dev.herald.core.store.Database;
import dev.herald.core.store.jooq.tables.records.DeliveriesRecord;
import java.time.Clock;
import java.util.List;
import org.jooq.DSLContext;

/** Operator commands on single deliveries: retry one now, discard a dead letter. */
public final class DeliveryCommands {

  private final Database database;
  private final Clock clock;
  private final Runnable changed;

  /**
   * Creates the commands.
   *
   * @param changed called after a delivery became due, e.g. to wake the router
   */
  public DeliveryCommands(Database database, Clock clock, Runnable changed) {
    this.database = requireNonNull(database, "database");
    this.clock = requireNonNull(clock, "clock");
    this.changed = requireNonNull(changed, "changed");
  }

  /**
   * Makes a waiting or dead delivery due now; it keeps its attempt count, so a dead letter whose
   * retries were exhausted gets exactly one more attempt.
   *
   * @param deadOnly refuse anything but a dead letter
   */
  public void retryNow(long id, boolean deadOnly) {
    database.write(
        tx -> {
          DeliveriesRecord row = find(tx, id);
          DeliveryStatus status = DeliveryStatus.fromDb(row.getStatus());
          if (deadOnly && status != DeliveryStatus.DEAD) {
            throw AdminException.failedPrecondition(
                "delivery " + id + " is " + status.dbValue() + ", not a dead letter");
          }
          switch (status) {
            case IN_FLIGHT ->
                throw AdminException.failedPrecondition(
                    "delivery " + id + " is being attempted right now");
            case SUCCEEDED ->
                throw AdminException.failedPrecondition(
                    "delivery " + id + " succeeded; replay its event to deliver it again");
            case DISCARDED ->
                throw AdminException.failedPrecondition(
                    "delivery " + id + " was discarded; replay its event to deliver it again");
            default -> {}
          }
          long now = clock.millis();
          tx.update(DELIVERIES)
              .set(
                  DELIVERIES.STATUS,
                  row.getAttemptCount() == 0
                      ? DeliveryStatus.PENDING.dbValue()
                      : DeliveryStatus.SCHEDULED.dbValue())
              .set(DELIVERIES.NEXT_ATTEMPT_AT, now)
              .set(DELIVERIES.UPDATED_AT, now)
              .where(DELIVERIES.ID.eq(id))
              .execute();
          return null;
        });
    changed.run();
  }

  /** Marks a dead letter discarded: it leaves the dead-letter list and is never attempted. */
  public void discard(long id) {
    database.write(
        tx -> {
          DeliveriesRecord row = find(tx, id);
          if (DeliveryStatus.fromDb(row.getStatus()) != DeliveryStatus.DEAD) {
            throw AdminException.failedPrecondition(
                "delivery " + id + " is " + row.getStatus() + ", not a dead letter");
          }
          tx.update(DELIVERIES)
              .set(DELIVERIES.STATUS, DeliveryStatus.DISCARDED.dbValue())
              .set(DELIVERIES.UPDATED_AT, clock.millis())
              .where(DELIVERIES.ID.eq(id))
              .execute();
          return null;
        });
  }

  /**
   * Dead-letters the target's deliveries that wait (pending or scheduled) inside the caller's
   * transaction; returns how many.
   */
  public int abandonWaiting(DSLContext tx, TargetRef target, String reason) {
    return tx.update(DELIVERIES)
        .set(DELIVERIES.STATUS, DeliveryStatus.DEAD.dbValue())
        .set(DELIVERIES.LAST_ERROR, reason)
        .set(DELIVERIES.UPDATED_AT, clock.millis())
        .where(DELIVERIES.TARGET.eq(target.key()))
        .and(
            DELIVERIES.STATUS.in(
                List.of(DeliveryStatus.PENDING.dbValue(), DeliveryStatus.SCHEDULED.dbValue())))
        .execute();
  }

  private static DeliveriesRecord find(DSLContext tx, long id) {
    DeliveriesRecord row = tx.selectFrom(DELIVERIES).where(DELIVERIES.ID.eq(id)).fetchOne();
    if (row == null) {
      throw AdminException.notFound("delivery " + id);
    }
    return row;
  }
}
