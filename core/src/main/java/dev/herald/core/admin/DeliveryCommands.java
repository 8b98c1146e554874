package dev.herald.core.admin;

import static java.util.Objects.requireNonNull;

import dev.herald.core.dispatch.TargetRef;
import dev.herald.core.route.DeliveryStatus;
import dev.herald.core.route.DeliveryStore;
import dev.herald.core.store.Database;
import java.time.Clock;
import org.jooq.DSLContext;

/**
 * Operator commands on single deliveries: retry one now, discard a dead letter. The delivery store
 * makes each transition; these check what the operator asked for and say why it cannot be done.
 */
public final class DeliveryCommands {

  private final Database database;
  private final DeliveryStore store;
  private final Clock clock;
  private final Runnable changed;

  /**
   * Creates the commands.
   *
   * @param changed called after a delivery became due, e.g. to wake the router
   */
  public DeliveryCommands(Database database, DeliveryStore store, Clock clock, Runnable changed) {
    this.database = requireNonNull(database, "database");
    this.store = requireNonNull(store, "store");
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
          DeliveryStatus status = status(tx, id);
          if (deadOnly && status != DeliveryStatus.DEAD) {
            throw AdminException.failedPrecondition(
                "delivery " + id + " is " + status.dbValue() + ", not a dead letter");
          }
          if (!store.makeDue(tx, id, clock.instant())) {
            throw AdminException.failedPrecondition(
                switch (status) {
                  case IN_FLIGHT -> "delivery " + id + " is being attempted right now";
                  case SUCCEEDED ->
                      "delivery " + id + " succeeded; replay its event to deliver it again";
                  case DISCARDED ->
                      "delivery " + id + " was discarded; replay its event to deliver it again";
                  default ->
                      "delivery " + id + " is " + status.dbValue() + " and cannot be retried";
                });
          }
          return null;
        });
    changed.run();
  }

  /** Marks a dead letter discarded: it leaves the dead-letter list and is never attempted. */
  public void discard(long id) {
    database.write(
        tx -> {
          DeliveryStatus status = status(tx, id);
          if (status != DeliveryStatus.DEAD || !store.discard(tx, id, clock.instant())) {
            throw AdminException.failedPrecondition(
                "delivery " + id + " is " + status.dbValue() + ", not a dead letter");
          }
          return null;
        });
  }

  /**
   * Dead-letters the target's deliveries that wait (pending or scheduled) inside the caller's
   * transaction; returns how many.
   */
  public int abandonWaiting(DSLContext tx, TargetRef target, String reason) {
    return store.abandonWaiting(tx, target, reason, clock.instant());
  }

  private DeliveryStatus status(DSLContext tx, long id) {
    return store.status(tx, id).orElseThrow(() -> AdminException.notFound("delivery " + id));
  }
}
