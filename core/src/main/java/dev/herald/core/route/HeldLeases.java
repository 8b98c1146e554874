package dev.herald.core.route;

import static java.util.Objects.requireNonNull;

import dev.herald.core.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leases one router worker holds on its claimed deliveries, kept in the database: renewed while
 * attempts wait or run, checked before an attempt starts, and given back when the worker lets go.
 */
final class HeldLeases {

  private static final Logger log = LoggerFactory.getLogger(HeldLeases.class);

  private final Database database;
  private final DeliveryStore deliveries;
  private final String owner;
  private final Duration lease;
  private final int renewalBatch;
  private final Clock clock;
  private Instant nextRenewal = Instant.MIN; // the router's thread only

  HeldLeases(
      Database database,
      DeliveryStore deliveries,
      String owner,
      Duration lease,
      int batchSize,
      Clock clock) {
    this.database = requireNonNull(database, "database");
    this.deliveries = requireNonNull(deliveries, "deliveries");
    this.owner = requireNonNull(owner, "owner");
    this.lease = requireNonNull(lease, "lease");
    this.renewalBatch = batchSize * 5;
    this.clock = requireNonNull(clock, "clock");
  }

  /** Returns how often held leases are renewed: every third of a lease. */
  Duration renewalInterval() {
    return lease.dividedBy(3);
  }

  /**
   * Renews, every third of a lease, the leases of every delivery this worker holds (running or
   * waiting in its lane): an attempt slower than a lease (a receiver slower than its timeout's
   * worth, a stalled machine) is then never claimed again by another node while it still runs.
   */
  void renewIfDue(Collection<Long> held) {
    Instant now = clock.instant();
    if (now.isBefore(nextRenewal) || held.isEmpty()) {
      return;
    }
    nextRenewal = now.plus(renewalInterval());
    List<Long> ids = List.copyOf(held);
    for (int from = 0; from < ids.size(); from += renewalBatch) {
      List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + renewalBatch));
      database.write(tx -> deliveries.renewLeases(tx, owner, chunk, now, lease));
    }
  }

  /**
   * Returns whether this worker still holds the delivery's lease, renewing it when half of it went
   * by while the attempt waited in its target's lane (a slow target with long timeouts); false when
   * the lease ran out and another worker may have the delivery.
   */
  boolean stillHeld(long deliveryId, Instant claimedAt) {
    Instant now = clock.instant();
    if (Duration.between(claimedAt, now).compareTo(lease.dividedBy(2)) < 0) {
      return true;
    }
    return database.write(tx -> deliveries.renewLeases(tx, owner, List.of(deliveryId), now, lease))
        == 1;
  }

  /**
   * Gives the deliveries back unattempted, due at once, each with an attempt log row saying why; a
   * failure leaves them to their lease.
   */
  void defer(List<Long> deliveryIds, String errorClass, String message) {
    if (deliveryIds.isEmpty()) {
      return;
    }
    try {
      database.write(
          tx -> {
            deliveries.defer(tx, owner, deliveryIds, errorClass, message, clock.instant());
            return null;
          });
    } catch (RuntimeException e) {
      log.warn("Deferring {} deliveries failed; their lease will expire", deliveryIds.size(), e);
    }
  }

  /** Gives the deliveries back unattempted, due at once; a failure leaves them to their lease. */
  void release(List<Long> deliveryIds) {
    if (deliveryIds.isEmpty()) {
      return;
    }
    try {
      database.write(
          tx -> {
            deliveries.release(tx, owner, deliveryIds, clock.instant());
            return null;
          });
      log.info("Released {} claimed deliveries for the next start", deliveryIds.size());
    } catch (RuntimeException e) {
      log.warn("Releasing {} deliveries failed; their lease will expire", deliveryIds.size(), e);
    }
  }
}
