package dev.herald.core.route;

import static dev.herald.core.store.jooq.Tables.DELIVERIES;
import static dev.herald.core.store.jooq.Tables.DELIVERY_LOGS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.Stores;
import dev.herald.core.dispatch.DeliveryResult;
import dev.herald.core.dispatch.TargetRef;
import dev.herald.core.envelope.EnvelopeFactory;
import dev.herald.core.outbox.OutboxEvent;
import dev.herald.core.outbox.OutboxStore;
import dev.herald.core.route.DeliveryStore.NewDelivery;
import dev.herald.core.store.Database;
import dev.herald.core.store.jooq.tables.records.DeliveriesRecord;
import dev.herald.core.store.jooq.tables.records.DeliveryLogsRecord;
import dev.herald.core.testing.SettableClock;
import dev.herald.proto.event.v1.EventEnvelope;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every delivery store does, whatever its database; one subclass per database. */
abstract class DeliveryStoreContract {

  /** Opens the test's database: a new one on the first call, the same one on later calls. */
  protected abstract Database open(Path folder);

  protected static final Duration LEASE = Duration.ofMinutes(1);
  protected static final TargetRef A = TargetRef.webhook("a");
  private static final TargetRef B = TargetRef.webhook("b");
  private static final TargetRef C = TargetRef.webhook("c");

  @TempDir Path folder;
  protected final SettableClock clock = SettableClock.atEpoch2026();
  private final EnvelopeFactory events =
      new EnvelopeFactory(clock, new SplittableRandom(7), "urn:herald:test");
  protected Database database;
  protected OutboxStore outbox;
  protected DeliveryStore store;

  @BeforeEach
  void openDatabase() {
    database = open(folder);
    outbox = Stores.of(database).outbox();
    store = Stores.of(database).deliveries();
  }

  @AfterEach
  void close() {
    database.close();
  }

  /** Stores one event and creates a delivery of it to each target, due now; returns their ids. */
  protected List<Long> deliver(TargetRef... targets) {
    EventEnvelope event = events.json("user.created", "", "{}");
    return database.write(
        tx -> {
          outbox.append(tx, List.of(event), clock.instant());
          OutboxStore.Unrouted unrouted = outbox.unrouted(tx, 1000);
          OutboxEvent stored = unrouted.events().getLast();
          List<NewDelivery> deliveries =
              Arrays.stream(targets)
                  .map(t -> new NewDelivery(stored.id(), stored.eventId(), t))
                  .toList();
          store.create(tx, deliveries, clock.instant());
          outbox.markRouted(tx, unrouted, clock.instant());
          return tx.select(DELIVERIES.ID)
              .from(DELIVERIES)
              .where(DELIVERIES.EVENT_ID.eq(stored.eventId()))
              .orderBy(DELIVERIES.ID)
              .fetch(DELIVERIES.ID);
        });
  }

  /** Claims what is due for the given targets, or for A, B and C. */
  private List<ClaimedDelivery> claim(String owner, TargetRef... targets) {
    List<TargetRef> claimed = targets.length == 0 ? List.of(A, B, C) : List.of(targets);
    return database.write(
        tx ->
            claimed.stream()
                .flatMap(t -> store.claim(tx, t, owner, clock.instant(), LEASE, 100, 100).stream())
                .toList());
  }

  private void record(String owner, AttemptRecord... attempts) {
    database.write(
        tx -> {
          store.record(tx, owner, List.of(attempts));
          return null;
        });
  }

  private void release(String owner, Collection<Long> ids) {
    database.write(
        tx -> {
          store.release(tx, owner, ids, clock.instant());
          return null;
        });
  }

  private Optional<Instant> nextDue(TargetRef target) {
    return database.read(ctx -> store.nextDue(ctx, target));
  }

  private AttemptRecord succeeded(ClaimedDelivery delivery) {
    return new AttemptRecord(
        delivery,
        DeliveryResult.delivered(),
        clock.instant(),
        1_500,
        DeliveryStatus.SUCCEEDED,
        null,
        null);
  }

  private AttemptRecord retryAt(ClaimedDelivery delivery, Instant next) {
    return new AttemptRecord(
        delivery,
        DeliveryResult.retry(null, "http_status", "HTTP 500").withHttp(500, "boom"),
        clock.instant(),
        2_000,
        DeliveryStatus.SCHEDULED,
        next,
        "HTTP 500");
  }

  protected DeliveriesRecord row(long id) {
    return database.read(ctx -> ctx.selectFrom(DELIVERIES).where(DELIVERIES.ID.eq(id)).fetchOne());
  }

  private List<DeliveryLogsRecord> logs() {
    return database.read(ctx -> ctx.selectFrom(DELIVERY_LOGS).orderBy(DELIVERY_LOGS.ID).fetch());
  }

  @Test
  void claimReturnsDueDeliveriesAsFirstAttemptsAndMarksThemInFlight() {
    List<Long> ids = deliver(A, B, C);

    List<ClaimedDelivery> claimed = claim("w1");

    assertThat(claimed).extracting(ClaimedDelivery::id).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(claimed).extracting(ClaimedDelivery::attempt).containsOnly(1);
    assertThat(claimed).extracting(ClaimedDelivery::target).containsExactlyInAnyOrder(A, B, C);
    long leaseEnd = clock.instant().plus(LEASE).toEpochMilli();
    for (long id : ids) {
      DeliveriesRecord row = row(id);
      assertThat(row.getStatus()).isEqualTo("in_flight");
      assertThat(row.getLeaseOwner()).isEqualTo("w1");
      assertThat(row.getLeaseUntil()).isEqualTo(leaseEnd);
      assertThat(row.getNextAttemptAt()).isEqualTo(leaseEnd);
    }
  }

  @Test
  void claimTakesAtMostTheLimitOldestFirst() {
    List<Long> first = deliver(A);
    clock.advance(Duration.ofSeconds(1));
    List<Long> second = deliver(A);
    clock.advance(Duration.ofSeconds(1));
    deliver(A);

    List<ClaimedDelivery> claimed =
        database.write(tx -> store.claim(tx, A, "w1", clock.instant(), LEASE, 2, 100));

    assertThat(claimed)
        .extracting(ClaimedDelivery::id)
        .containsExactlyInAnyOrder(first.getFirst(), second.getFirst());
  }

  @Test
  void secondClaimAtTheSameTimeGetsNothing() {
    deliver(A, B);
    assertThat(claim("w1")).hasSize(2);

    assertThat(claim("w2")).isEmpty();
    assertThat(claim("w1")).isEmpty();
  }

  @Test
  void anotherWorkerTakesOverWhenTheLeaseRunsOut() {
    long id = deliver(A).getFirst();
    ClaimedDelivery crashed = claim("w1").getFirst();

    clock.advance(LEASE.minusMillis(1));
    assertThat(claim("w2")).isEmpty();
    clock.advance(Duration.ofMillis(1));
    List<ClaimedDelivery> recovered = claim("w2");

    assertThat(recovered).extracting(ClaimedDelivery::id).containsExactly(id);
    assertThat(recovered.getFirst().attempt()).isEqualTo(1);
    assertThat(row(id).getLeaseOwner()).isEqualTo("w2");

    // The first worker was only slow: its late outcome is logged but does not move the delivery.
    record("w1", succeeded(crashed));
    DeliveriesRecord afterStale = row(id);
    assertThat(afterStale.getStatus()).isEqualTo("in_flight");
    assertThat(afterStale.getLeaseOwner()).isEqualTo("w2");
    assertThat(afterStale.getAttemptCount()).isZero();
    assertThat(logs()).hasSize(1);

    record("w2", succeeded(recovered.getFirst()));
    DeliveriesRecord done = row(id);
    assertThat(done.getStatus()).isEqualTo("succeeded");
    assertThat(done.getLeaseOwner()).isNull();
    assertThat(done.getLeaseUntil()).isNull();
    assertThat(done.getAttemptCount()).isEqualTo(1);
    assertThat(logs()).hasSize(2).allSatisfy(log -> assertThat(log.getDeliveryId()).isEqualTo(id));
    clock.advance(LEASE.multipliedBy(10));
    assertThat(claim("w3")).isEmpty();
  }

  @Test
  void recordWritesTheLogAndSchedulesTheRetry() {
    long id = deliver(A).getFirst();
    ClaimedDelivery first = claim("w1").getFirst();
    Instant retryAt = clock.instant().plus(Duration.ofMinutes(5));

    record("w1", retryAt(first, retryAt));

    DeliveriesRecord row = row(id);
    assertThat(row.getStatus()).isEqualTo("scheduled");
    assertThat(row.getNextAttemptAt()).isEqualTo(retryAt.toEpochMilli());
    assertThat(row.getAttemptCount()).isEqualTo(1);
    assertThat(row.getLastError()).isEqualTo("HTTP 500");
    assertThat(row.getLeaseOwner()).isNull();
    DeliveryLogsRecord log = logs().getFirst();
    assertThat(log.getAttempt()).isEqualTo(1);
    assertThat(log.getOutcome()).isEqualTo("retry");
    assertThat(log.getHttpStatus()).isEqualTo(500);
    assertThat(log.getResponseExcerpt()).isEqualTo("boom");
    assertThat(log.getLatencyMicros()).isEqualTo(2_000);
    assertThat(log.getStartedAt()).isEqualTo(clock.millis());

    clock.advance(Duration.ofMinutes(5).minusMillis(1));
    assertThat(claim("w1")).isEmpty();
    clock.advance(Duration.ofMillis(1));
    assertThat(claim("w1")).extracting(ClaimedDelivery::attempt).containsExactly(2);
  }

  @Test
  void claimTakesOnlyItsTargetsDeliveries() {
    List<Long> ids = deliver(A, B, C);

    assertThat(claim("w1", B))
        .extracting(ClaimedDelivery::id, ClaimedDelivery::target)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(ids.get(1), B));
    assertThat(row(ids.get(0)).getStatus()).isEqualTo("pending");
    assertThat(row(ids.get(2)).getStatus()).isEqualTo("pending");
    assertThat(claim("w1", C)).extracting(ClaimedDelivery::target).containsExactly(C);
    assertThat(claim("w1")).extracting(ClaimedDelivery::target).containsExactly(A);
  }

  @Test
  void onlyTheHolderRenewsALeaseAndOnlyBeforeItRunsOut() {
    long id = deliver(A).getFirst();
    claim("w1");
    clock.advance(LEASE.dividedBy(2));

    assertThat(renew("w2", id)).isFalse();
    assertThat(renew("w1", id)).isTrue();
    long renewedEnd = clock.instant().plus(LEASE).toEpochMilli();
    assertThat(row(id).getLeaseUntil()).isEqualTo(renewedEnd);
    assertThat(row(id).getNextAttemptAt()).isEqualTo(renewedEnd);

    clock.advance(LEASE);
    assertThat(renew("w1", id)).as("the lease ran out").isFalse();
  }

  private boolean renew(String owner, long id) {
    return database.write(tx -> store.renewLeases(tx, owner, List.of(id), clock.instant(), LEASE))
        == 1;
  }

  @Test
  void renewLeasesRenewsOnlyWhatTheWorkerStillHolds() {
    List<Long> ids = deliver(A, B, C);
    claim("w1", A, B);
    claim("w2", C);
    clock.advance(LEASE.dividedBy(2));

    int renewed = database.write(tx -> store.renewLeases(tx, "w1", ids, clock.instant(), LEASE));

    assertThat(renewed).isEqualTo(2);
    long renewedEnd = clock.instant().plus(LEASE).toEpochMilli();
    assertThat(row(ids.get(0)).getLeaseUntil()).isEqualTo(renewedEnd);
    assertThat(row(ids.get(1)).getLeaseUntil()).isEqualTo(renewedEnd);
    assertThat(row(ids.get(2)).getLeaseUntil()).isLessThan(renewedEnd);
  }

  @Test
  void releaseHandsDeliveriesBackDueNow() {
    List<Long> ids = deliver(A, B);
    long retried = ids.get(0);
    long fresh = ids.get(1);
    ClaimedDelivery firstAttempt =
        claim("w1").stream().filter(d -> d.id() == retried).findFirst().orElseThrow();
    record("w1", retryAt(firstAttempt, clock.instant().plusSeconds(1)));
    clock.advance(Duration.ofSeconds(1));
    assertThat(claim("w1")).extracting(ClaimedDelivery::id).containsExactly(retried);

    // Only the owner can hand deliveries back.
    release("w2", ids);
    assertThat(row(retried).getStatus()).isEqualTo("in_flight");
    assertThat(row(fresh).getStatus()).isEqualTo("in_flight");

    clock.advance(Duration.ofSeconds(3));
    release("w1", ids);

    DeliveriesRecord retriedRow = row(retried);
    DeliveriesRecord freshRow = row(fresh);
    assertThat(retriedRow.getStatus()).isEqualTo("scheduled");
    assertThat(freshRow.getStatus()).isEqualTo("pending");
    for (DeliveriesRecord row : List.of(retriedRow, freshRow)) {
      assertThat(row.getNextAttemptAt()).isEqualTo(clock.millis());
      assertThat(row.getLeaseOwner()).isNull();
      assertThat(row.getLeaseUntil()).isNull();
    }
    assertThat(nextDue(A)).contains(clock.instant());
    assertThat(nextDue(B)).contains(clock.instant());
    assertThat(claim("w2"))
        .extracting(d -> d.id() + "#" + d.attempt())
        .containsExactlyInAnyOrder(retried + "#2", fresh + "#1");
  }

  @Test
  void nextDueIsTheTargetsEarliestDueTime() {
    assertThat(nextDue(A)).isEmpty();
    Instant t0 = clock.instant();
    deliver(A);
    clock.advance(Duration.ofSeconds(10));
    deliver(A, B);

    assertThat(nextDue(A)).contains(t0);
    assertThat(nextDue(B)).contains(t0.plusSeconds(10));
    assertThat(nextDue(C)).isEmpty();

    // A claimed delivery is due again when its lease ends; a finished one never.
    List<ClaimedDelivery> claimed = claim("w1", B);
    assertThat(nextDue(B)).contains(clock.instant().plus(LEASE));
    record("w1", succeeded(claimed.getFirst()));
    assertThat(nextDue(B)).isEmpty();
    assertThat(nextDue(A)).contains(t0);
  }

  @Test
  void createSkipsAnEventTargetPairThatExists() {
    long id = deliver(A).getFirst();
    DeliveriesRecord existing = row(id);
    NewDelivery again = new NewDelivery(existing.getOutboxId(), existing.getEventId(), A);

    database.write(
        tx -> {
          store.create(tx, List.of(again, again), clock.instant());
          return null;
        });

    int rows =
        database.read(
            ctx -> ctx.fetchCount(DELIVERIES, DELIVERIES.EVENT_ID.eq(existing.getEventId())));
    assertThat(rows).isEqualTo(1);
  }

  @Test
  void createInsertsDuplicatesInOneCallOnce() {
    EventEnvelope event = events.json("user.created", "", "{}");
    database.write(
        tx -> {
          outbox.append(tx, List.of(event), clock.instant());
          long outboxId = outbox.unrouted(tx, 1).events().getFirst().id();
          NewDelivery delivery = new NewDelivery(outboxId, event.getEventId(), A);
          store.create(tx, List.of(delivery, delivery), clock.instant());
          return null;
        });

    int rows = database.read(ctx -> ctx.fetchCount(DELIVERIES));
    assertThat(rows).isEqualTo(1);
  }

  private AttemptRecord dead(ClaimedDelivery delivery) {
    return new AttemptRecord(
        delivery,
        DeliveryResult.rejected("http_status", "HTTP 400"),
        clock.instant(),
        1_000,
        DeliveryStatus.DEAD,
        null,
        "HTTP 400");
  }

  private boolean write(java.util.function.Function<org.jooq.DSLContext, Boolean> change) {
    return database.write(change);
  }

  @Test
  void makeDueRetriesAWaitingOrDeadDeliveryKeepingItsAttemptCount() {
    List<Long> ids = deliver(A, B);
    long deadId = ids.get(0);
    List<ClaimedDelivery> claimed = claim("w1", A);
    record("w1", dead(claimed.getFirst()));
    clock.advance(Duration.ofMinutes(1));

    assertThat(write(tx -> store.makeDue(tx, deadId, clock.instant()))).isTrue();
    assertThat(row(deadId).getStatus()).isEqualTo("scheduled");
    assertThat(row(deadId).getNextAttemptAt()).isEqualTo(clock.millis());
    assertThat(claim("w1", A)).extracting(ClaimedDelivery::attempt).containsExactly(2);

    // In flight (just claimed), succeeded or missing: nothing to retry.
    assertThat(write(tx -> store.makeDue(tx, deadId, clock.instant()))).isFalse();
    assertThat(write(tx -> store.makeDue(tx, 999_999, clock.instant()))).isFalse();
    long pendingId = ids.get(1);
    assertThat(write(tx -> store.makeDue(tx, pendingId, clock.instant()))).isTrue();
    assertThat(row(pendingId).getStatus()).isEqualTo("pending");
  }

  @Test
  void discardTakesOnlyDeadLetters() {
    List<Long> ids = deliver(A, B);
    record("w1", dead(claim("w1", A).getFirst()));

    assertThat(write(tx -> store.discard(tx, ids.get(1), clock.instant()))).isFalse();
    assertThat(write(tx -> store.discard(tx, ids.get(0), clock.instant()))).isTrue();

    assertThat(row(ids.get(0)).getStatus()).isEqualTo("discarded");
    Optional<DeliveryStatus> pending = database.read(ctx -> store.status(ctx, ids.get(1)));
    assertThat(pending).contains(DeliveryStatus.PENDING);
    assertThat(write(tx -> store.discard(tx, ids.get(0), clock.instant()))).isFalse();
  }

  @Test
  void abandonWaitingDeadLettersOnlyTheTargetsWaitingDeliveries() {
    deliver(A, B);
    List<Long> more = deliver(A);
    claim("w1", A); // both of A's are in flight now
    List<Long> waiting = deliver(A);

    int abandoned =
        database.write(tx -> store.abandonWaiting(tx, A, "endpoint deleted", clock.instant()));

    assertThat(abandoned).isEqualTo(1);
    assertThat(row(waiting.getFirst()).getStatus()).isEqualTo("dead");
    assertThat(row(waiting.getFirst()).getLastError()).isEqualTo("endpoint deleted");
    assertThat(row(more.getFirst()).getStatus()).isEqualTo("in_flight");
    assertThat(claim("w2", B)).hasSize(1);
  }

  @Test
  void replayReArmsExistingDeliveriesAndCreatesMissingOnes() {
    long existing = deliver(A).getFirst();
    DeliveriesRecord row = row(existing);
    record("w1", succeeded(claim("w1", A).getFirst()));
    Instant due = clock.instant().plusSeconds(30);

    database.write(
        tx -> {
          store.replay(
              tx,
              List.of(
                  new DeliveryStore.ReplayedDelivery(row.getOutboxId(), row.getEventId(), A, due),
                  new DeliveryStore.ReplayedDelivery(row.getOutboxId(), row.getEventId(), B, due)),
              clock.instant());
          return null;
        });

    Map<String, Map<TargetRef, DeliveryStatus>> statuses =
        database.read(ctx -> store.statuses(ctx, List.of(row.getEventId())));
    assertThat(statuses.get(row.getEventId()))
        .containsEntry(A, DeliveryStatus.SCHEDULED)
        .containsEntry(B, DeliveryStatus.PENDING);
    DeliveriesRecord reArmed = row(existing);
    assertThat(reArmed.getPurpose()).isEqualTo("replay");
    assertThat(reArmed.getReplayCount()).isEqualTo(1);
    assertThat(reArmed.getAttemptCount()).isEqualTo(1);
    assertThat(reArmed.getNextAttemptAt()).isEqualTo(due.toEpochMilli());
    clock.set(due);
    assertThat(claim("w2", A, B))
        .extracting(d -> d.target().id() + "#" + d.attempt() + (d.replay() ? " replay" : ""))
        .containsExactlyInAnyOrder("a#2 replay", "b#1 replay");
    assertThat(logs()).hasSize(1); // the first attempt's log is kept
  }

  @Test
  void replayLeavesADeliveryInFlightAlone() {
    long id = deliver(A).getFirst();
    DeliveriesRecord row = row(id);
    claim("w1", A);

    database.write(
        tx -> {
          store.replay(
              tx,
              List.of(
                  new DeliveryStore.ReplayedDelivery(
                      row.getOutboxId(), row.getEventId(), A, clock.instant())),
              clock.instant());
          return null;
        });

    DeliveriesRecord after = row(id);
    assertThat(after.getStatus()).isEqualTo("in_flight");
    assertThat(after.getLeaseOwner()).isEqualTo("w1");
    assertThat(after.getReplayCount()).isZero();
  }
}
