package dev.herald.core.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.dispatch.TargetRef;
import dev.herald.core.store.jooq.tables.records.DeliveriesRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The transitions operators ask for (retry now, discard, abandon, replay), whatever the database;
 * one subclass per database.
 */
abstract class OperatorTransitionsContract extends DeliveryStoreFixture {

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

  @Test
  void replayMarksItsDeliveriesWithTheRunAndALaterReplayTakesThemOver() {
    long id = deliver(A).getFirst();
    DeliveriesRecord row = row(id);
    List<DeliveryStore.ReplayedDelivery> again =
        List.of(
            new DeliveryStore.ReplayedDelivery(
                row.getOutboxId(), row.getEventId(), A, clock.instant()));

    database.write(
        tx -> {
          store.replay(tx, again, clock.instant(), java.util.OptionalLong.of(7));
          return null;
        });
    assertThat(row(id).getReplayId()).isEqualTo(7L);
    database.write(
        tx -> {
          store.replay(tx, again, clock.instant(), java.util.OptionalLong.of(8));
          return null;
        });
    assertThat(row(id).getReplayId()).as("the later run takes it over").isEqualTo(8L);
    database.write(
        tx -> {
          store.replay(tx, again, clock.instant());
          return null;
        });
    assertThat(row(id).getReplayId()).as("a replay that records no run clears the mark").isNull();
  }
}
