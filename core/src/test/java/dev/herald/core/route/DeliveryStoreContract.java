package dev.herald.core.route;

import static dev.herald.core.store.jooq.Tables.DELIVERIES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.route.DeliveryStore.NewDelivery;
import dev.herald.core.store.jooq.tables.records.DeliveriesRecord;
import dev.herald.core.store.jooq.tables.records.DeliveryLogsRecord;
import dev.herald.proto.event.v1.EventEnvelope;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every delivery store does, whatever its database; one subclass per database. */
abstract class DeliveryStoreContract extends DeliveryStoreFixture {

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
  void deferHandsDeliveriesBackWithALogRowAndNoAttemptUsed() {
    List<Long> ids = deliver(A, B);
    long retried = ids.get(0);
    long fresh = ids.get(1);
    ClaimedDelivery firstAttempt =
        claim("w1").stream().filter(d -> d.id() == retried).findFirst().orElseThrow();
    record("w1", retryAt(firstAttempt, clock.instant().plusSeconds(1)));
    clock.advance(Duration.ofSeconds(1));
    claim("w1");

    database.write(
        tx -> {
          store.defer(tx, "w2", ids, "breaker_open", "not mine", clock.instant());
          return null;
        });
    assertThat(logs()).as("only the lease holder defers").hasSize(1);

    database.write(
        tx -> {
          store.defer(tx, "w1", ids, "breaker_open", "breaker open", clock.instant());
          return null;
        });

    assertThat(logs())
        .extracting(
            l ->
                l.getDeliveryId()
                    + "/"
                    + l.getAttempt()
                    + " "
                    + l.getOutcome()
                    + " "
                    + l.getErrorClass()
                    + " "
                    + l.getLatencyMicros())
        .containsExactly(
            retried + "/1 retry http_status 2000",
            retried + "/2 deferred breaker_open 0",
            fresh + "/1 deferred breaker_open 0");
    assertThat(row(retried).getStatus()).isEqualTo("scheduled");
    assertThat(row(retried).getAttemptCount()).isEqualTo(1);
    assertThat(row(fresh).getStatus()).isEqualTo("pending");
    assertThat(row(fresh).getAttemptCount()).isZero();
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

  @Test
  void createClaimedTakesWhatIsWantedInFlightAndLeavesTheRestPending() {
    List<EventEnvelope> sent =
        List.of(
            events.json("user.created", "", "{}"),
            events.json("user.created", "", "{}"),
            events.json("user.created", "", "{}"));
    List<ClaimedDelivery> claimed =
        database.write(
            tx -> {
              outbox.append(tx, sent, clock.instant());
              var appended = outbox.unrouted(tx, 3).events();
              List<NewDelivery> batch =
                  List.of(
                      new NewDelivery(appended.get(0).id(), appended.get(0).eventId(), A),
                      new NewDelivery(appended.get(1).id(), appended.get(1).eventId(), A),
                      new NewDelivery(appended.get(2).id(), appended.get(2).eventId(), A),
                      new NewDelivery(appended.get(0).id(), appended.get(0).eventId(), B));
              return store.createClaimed(
                  tx, batch, clock.instant(), "w1", LEASE, Map.of(A, 2), target -> 16);
            });

    assertThat(claimed).hasSize(2);
    assertThat(claimed).extracting(ClaimedDelivery::target).containsOnly(A);
    assertThat(claimed).extracting(ClaimedDelivery::attempt).containsOnly(1);
    assertThat(claimed)
        .extracting(ClaimedDelivery::eventId)
        .containsExactlyInAnyOrder(sent.get(0).getEventId(), sent.get(1).getEventId());
    long leaseEnd = clock.instant().plus(LEASE).toEpochMilli();
    for (ClaimedDelivery delivery : claimed) {
      DeliveriesRecord row = row(delivery.id());
      assertThat(row.getStatus()).isEqualTo("in_flight");
      assertThat(row.getLeaseOwner()).isEqualTo("w1");
      assertThat(row.getLeaseUntil()).isEqualTo(leaseEnd);
      assertThat(row.getNextAttemptAt()).isEqualTo(leaseEnd);
      assertThat(row.getOutboxId()).isEqualTo(delivery.outboxId());
    }
    // The rest wait as create leaves them; what was claimed at creation is no one else's.
    assertThat(claim("w2"))
        .extracting(ClaimedDelivery::eventId)
        .containsExactlyInAnyOrder(sent.get(2).getEventId(), sent.get(0).getEventId());
    record("w1", succeeded(claimed.getFirst()));
    assertThat(row(claimed.getFirst().id()).getStatus()).isEqualTo("succeeded");
    assertThat(logs()).hasSize(1);
  }
}
