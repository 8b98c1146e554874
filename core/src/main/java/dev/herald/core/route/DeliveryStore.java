package dev.herald.core.route;

import static java.util.Objects.requireNonNull;

import dev.herald.core.dispatch.TargetRef;
import dev.herald.core.store.PurgedRows;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.ToIntFunction;
import org.jooq.DSLContext;

/**
 * The {@code deliveries} and {@code delivery_logs} tables, and their only writer: every state
 * transition of a delivery (fan-out, claims, outcomes, leases, operator commands, replay) is here.
 */
public interface DeliveryStore {

  /**
   * Where a delivery of an ordered target stands in line: its key, and what the key does if the
   * delivery is dead-lettered.
   */
  record KeyPlace(String key, DeadHeadPolicy onDead) {
    public KeyPlace {
      requireNonNull(key, "key");
      requireNonNull(onDead, "onDead");
    }
  }

  /**
   * A delivery to create: one event for one target.
   *
   * @param place its key when the target orders deliveries; null otherwise
   */
  record NewDelivery(long outboxId, String eventId, TargetRef target, KeyPlace place) {
    /** A delivery in no particular order. */
    public NewDelivery(long outboxId, String eventId, TargetRef target) {
      this(outboxId, eventId, target, null);
    }
  }

  /**
   * A delivery an operator replays: created, or re-armed if the (event, target) pair exists.
   *
   * @param place its key if it is created for an ordered target (one that exists keeps its own)
   */
  record ReplayedDelivery(
      long outboxId, String eventId, TargetRef target, Instant due, KeyPlace place) {
    /** A replay for a target in no particular order. */
    public ReplayedDelivery(long outboxId, String eventId, TargetRef target, Instant due) {
      this(outboxId, eventId, target, due, null);
    }
  }

  /**
   * Creates deliveries, due now; an (event, target) pair that exists is skipped. Unordered ones are
   * pending; an ordered one is pending if it heads its key, queued behind the head otherwise.
   */
  void create(DSLContext tx, Collection<NewDelivery> deliveries, Instant now);

  /**
   * Creates deliveries as {@link #create} does, except that up to {@code wanted} unordered ones of
   * each target are created in flight under {@code owner}'s lease, as {@link #claim} would leave
   * them, and returned: a claim at creation, with no claim statement of its own. Where several
   * nodes claim, a target's in-flight limit is counted as {@link #claim} counts it.
   */
  List<ClaimedDelivery> createClaimed(
      DSLContext tx,
      Collection<NewDelivery> deliveries,
      Instant now,
      String owner,
      Duration lease,
      Map<TargetRef, Integer> wanted,
      ToIntFunction<TargetRef> maxInFlight);

  /**
   * Claims up to {@code limit} due deliveries of one target under a lease, oldest due first. A
   * delivery whose lease ran out counts as due again. Where several nodes claim (PostgreSQL), the
   * claim also keeps the target's deliveries in flight on all nodes together at most {@code
   * maxInFlight}, and claims no row another node holds; a single node (SQLite) bounds its attempts
   * in memory.
   */
  List<ClaimedDelivery> claim(
      DSLContext tx,
      TargetRef target,
      String owner,
      Instant now,
      Duration lease,
      int limit,
      int maxInFlight);

  /**
   * Writes attempt logs and moves the deliveries to their next state, each only if still leased to
   * {@code owner}: a worker that lost its lease never overwrites the outcome of the one that took
   * the delivery over.
   */
  void record(DSLContext tx, String owner, Collection<AttemptRecord> attempts);

  /**
   * Extends, from {@code now}, the leases this worker still holds among the given deliveries; one
   * whose lease ran out is not renewed (it may be claimed again).
   *
   * @return how many leases were renewed
   */
  int renewLeases(
      DSLContext tx, String owner, Collection<Long> deliveryIds, Instant now, Duration lease);

  /** Gives claimed deliveries back without an attempt, due at once (graceful shutdown). */
  void release(DSLContext tx, String owner, Collection<Long> deliveryIds, Instant now);

  /**
   * Gives claimed deliveries back without an attempt, as {@link #release} does, and logs for each
   * still leased to {@code owner} why it was not attempted: an attempt log row with outcome {@code
   * deferred}, the number its next attempt will have, no latency, and the given error class and
   * message. Its attempt count is unchanged.
   */
  void defer(
      DSLContext tx,
      String owner,
      Collection<Long> deliveryIds,
      String errorClass,
      String message,
      Instant now);

  /** Returns when the target's next unfinished delivery is due (or its lease runs out). */
  Optional<Instant> nextDue(DSLContext ctx, TargetRef target);

  /** Returns a delivery's status, if it exists. */
  Optional<DeliveryStatus> status(DSLContext ctx, long deliveryId);

  /**
   * Makes a waiting or dead delivery due now, keeping its attempt count; an ordered one waits its
   * turn in its key (it goes next if it is older than the rest of the key's line).
   *
   * @return false, changing nothing, when it is in flight, succeeded, discarded or missing
   */
  boolean makeDue(DSLContext tx, long deliveryId, Instant now);

  /**
   * Marks a dead letter discarded: it is never attempted again, and a key it blocked moves on.
   *
   * @return false, changing nothing, when it is not a dead letter
   */
  boolean discard(DSLContext tx, long deliveryId, Instant now);

  /**
   * Dead-letters the target's waiting (pending, queued or scheduled) deliveries; returns how many.
   */
  int abandonWaiting(DSLContext tx, TargetRef target, String reason, Instant now);

  /** Returns, per event id, the status of each of its deliveries by target. */
  Map<String, Map<TargetRef, DeliveryStatus>> statuses(DSLContext ctx, Collection<String> eventIds);

  /**
   * Replays deliveries: each is created, or re-armed with its attempt log kept, due at its time and
   * marked as a replay; one in flight is left alone. Ordered ones join their key's line: after its
   * current head, in outbox order.
   */
  default void replay(DSLContext tx, Collection<ReplayedDelivery> deliveries, Instant now) {
    replay(tx, deliveries, now, OptionalLong.empty());
  }

  /**
   * Replays deliveries like {@link #replay(DSLContext, Collection, Instant)} and marks each with
   * the replay run's id (or clears the mark when there is no run), so a later run takes them over.
   */
  void replay(
      DSLContext tx, Collection<ReplayedDelivery> deliveries, Instant now, OptionalLong run);

  /**
   * Deletes up to {@code limit} finished deliveries in {@code status} (succeeded, dead or
   * discarded) last changed before {@code before}, with their attempt logs. Where several nodes
   * write (PostgreSQL), rows another transaction holds (a replay, a retry by hand) are skipped.
   * Nothing pending, scheduled or in flight is ever deleted.
   *
   * @return how many deliveries were deleted
   * @throws IllegalArgumentException if {@code status} is not a finished one
   */
  int purgeFinished(DSLContext tx, DeliveryStatus status, Instant before, int limit);

  /**
   * Deletes, among the {@code limit} attempt log rows after id {@code afterId}, oldest first, those
   * of attempts started before {@code before}, whatever their delivery's state: the log of a
   * delivery still retrying loses its oldest attempts, never the delivery.
   */
  PurgedRows purgeAttemptLogs(DSLContext tx, long afterId, Instant before, int limit);
}
