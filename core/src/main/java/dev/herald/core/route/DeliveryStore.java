package dev.herald.core.route;

import dev.herald.core.dispatch.TargetRef;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/** The {@code deliveries} and {@code delivery_logs} tables: fan-out, claims and outcomes. */
public interface DeliveryStore {

  /** A delivery to create: one event for one target. */
  record NewDelivery(long outboxId, String eventId, TargetRef target) {}

  /** Creates pending deliveries, due now; an (event, target) pair that exists is skipped. */
  int create(DSLContext tx, Collection<NewDelivery> deliveries, Instant now);

  /**
   * Claims up to {@code limit} due deliveries of one target under a lease, oldest due first. A
   * delivery whose lease ran out counts as due again.
   */
  List<ClaimedDelivery> claim(
      DSLContext tx, TargetRef target, String owner, Instant now, Duration lease, int limit);

  /**
   * Writes attempt logs and moves the deliveries to their next state (if still leased to owner).
   */
  void record(DSLContext tx, String owner, Collection<AttemptRecord> attempts);

  /**
   * Extends the lease of a delivery this worker holds, from {@code now}.
   *
   * @return false when the worker no longer holds it (its lease ran out and it was claimed again)
   */
  boolean renewLease(DSLContext tx, String owner, long deliveryId, Instant now, Duration lease);

  /** Gives claimed deliveries back without an attempt, due at once (graceful shutdown). */
  void release(DSLContext tx, String owner, Collection<Long> deliveryIds, Instant now);

  /** Returns when the target's next unfinished delivery is due (or its lease runs out). */
  Optional<Instant> nextDue(DSLContext ctx, TargetRef target);
}
