package dev.herald.core.route;

import static dev.herald.core.store.jooq.Tables.DELIVERIES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.dispatch.TargetRef;
import dev.herald.core.outbox.OutboxEvent;
import dev.herald.core.outbox.OutboxStore;
import dev.herald.core.route.DeliveryStore.KeyPlace;
import dev.herald.core.route.DeliveryStore.NewDelivery;
import dev.herald.core.route.DeliveryStore.ReplayedDelivery;
import dev.herald.proto.event.v1.EventEnvelope;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The lines of ordered keys in the store, whatever the database: only a key's head is claimable,
 * and every transition (outcome, retry by hand, discard, replay, retention) keeps one head per key
 * in outbox order. One subclass per database.
 */
abstract class OrderedLinesContract extends DeliveryStoreFixture {

  /** Stores one event and creates its delivery to {@code target} in the key's line. */
  private long deliverKeyed(TargetRef target, String key, DeadHeadPolicy onDead) {
    EventEnvelope event = events.json("user.updated", "", "{}");
    return database.write(
        tx -> {
          outbox.append(tx, List.of(event), clock.instant());
          OutboxStore.Unrouted unrouted = outbox.unrouted(tx, 1000);
          OutboxEvent stored = unrouted.events().getLast();
          store.create(
              tx,
              List.of(
                  new NewDelivery(
                      stored.id(), stored.eventId(), target, new KeyPlace(key, onDead))),
              clock.instant());
          outbox.markRouted(tx, unrouted);
          return tx.select(DELIVERIES.ID)
              .from(DELIVERIES)
              .where(DELIVERIES.EVENT_ID.eq(stored.eventId()))
              .fetchSingle(DELIVERIES.ID);
        });
  }

  private long block(String key) {
    return deliverKeyed(A, key, DeadHeadPolicy.BLOCK);
  }

  private String status(long id) {
    return row(id).getStatus();
  }

  private ClaimedDelivery claimOne() {
    List<ClaimedDelivery> claimed = claim("w1", A);
    assertThat(claimed).hasSize(1);
    return claimed.getFirst();
  }

  @Test
  void onlyTheHeadOfEachKeyIsClaimable() {
    long k1a = block("k1");
    long k1b = block("k1");
    long k2a = block("k2");

    assertThat(List.of(status(k1a), status(k1b), status(k2a)))
        .containsExactly("pending", "queued", "pending");
    List<ClaimedDelivery> claimed = claim("w1", A);
    assertThat(claimed).extracting(ClaimedDelivery::id).containsExactlyInAnyOrder(k1a, k2a);
    assertThat(claimed).extracting(ClaimedDelivery::orderKey).containsOnly("k1", "k2");
    assertThat(claim("w1", A)).isEmpty();

    record("w1", succeeded(claimed.stream().filter(d -> d.id() == k1a).findFirst().orElseThrow()));
    assertThat(status(k1b)).isEqualTo("pending");
    assertThat(claim("w1", A)).extracting(ClaimedDelivery::id).containsExactly(k1b);
  }

  @Test
  void aFailingHeadHoldsOnlyItsOwnKey() {
    long k1a = block("k1");
    long k1b = block("k1");
    long k2a = block("k2");
    long k2b = block("k2");
    List<ClaimedDelivery> heads = claim("w1", A);
    ClaimedDelivery k1Head = heads.stream().filter(d -> d.id() == k1a).findFirst().orElseThrow();
    ClaimedDelivery k2Head = heads.stream().filter(d -> d.id() == k2a).findFirst().orElseThrow();

    record("w1", retryAt(k1Head, clock.instant().plusSeconds(30)), succeeded(k2Head));

    assertThat(status(k1a)).isEqualTo("scheduled");
    assertThat(status(k1b)).isEqualTo("queued");
    assertThat(claimOne().id()).isEqualTo(k2b);
    clock.advance(Duration.ofSeconds(30));
    assertThat(claimOne().id()).isEqualTo(k1a); // the retry, still before k1b
  }

  @Test
  void aDeadHeadThatBlocksHoldsItsKeyUntilAnOperatorDiscardsIt() {
    long head = block("k1");
    long next = block("k1");
    record("w1", dead(claimOne()));

    assertThat(status(next)).isEqualTo("queued");
    assertThat(claim("w1", A)).isEmpty();

    assertThat(write(tx -> store.discard(tx, head, clock.instant()))).isTrue();
    assertThat(status(next)).isEqualTo("pending");
  }

  @Test
  void aDeadHeadRetriedByHandIsTheHeadAgain() {
    long head = block("k1");
    long next = block("k1");
    record("w1", dead(claimOne()));

    assertThat(write(tx -> store.makeDue(tx, head, clock.instant()))).isTrue();

    assertThat(status(head)).isEqualTo("scheduled");
    assertThat(status(next)).isEqualTo("queued");
    ClaimedDelivery retried = claimOne();
    assertThat(retried.id()).isEqualTo(head);
    assertThat(retried.attempt()).isEqualTo(2);
    record("w1", succeeded(retried));
    assertThat(status(next)).isEqualTo("pending");
  }

  @Test
  void aDeadHeadOfAKeyThatSkipsLetsTheNextGoAndARetryWaitsItsTurn() {
    long first = deliverKeyed(A, "k1", DeadHeadPolicy.SKIP);
    long second = deliverKeyed(A, "k1", DeadHeadPolicy.SKIP);
    long third = deliverKeyed(A, "k1", DeadHeadPolicy.SKIP);
    record("w1", dead(claimOne()));
    assertThat(status(second)).isEqualTo("pending");
    ClaimedDelivery secondClaimed = claimOne();

    // Retried by hand while the second is in flight: it waits, then goes before the third.
    assertThat(write(tx -> store.makeDue(tx, first, clock.instant()))).isTrue();
    assertThat(status(first)).isEqualTo("queued");
    record("w1", succeeded(secondClaimed));

    assertThat(List.of(status(first), status(third))).containsExactly("scheduled", "queued");
    record("w1", succeeded(claimOne()));
    assertThat(status(third)).isEqualTo("pending");
  }

  @Test
  void replaysJoinTheirKeysLineAfterItsHeadInOutboxOrder() {
    long first = block("k1");
    record("w1", succeeded(claimOne()));
    long second = block("k1");
    record("w1", succeeded(claimOne()));
    long third = block("k1");
    ClaimedDelivery thirdClaimed = claimOne();
    DeliveriesRecordView one = view(first);
    DeliveriesRecordView two = view(second);

    database.write(
        tx -> {
          // Given newest first: the store replays them in outbox order all the same.
          store.replay(
              tx,
              List.of(
                  new ReplayedDelivery(two.outboxId(), two.eventId(), A, clock.instant()),
                  new ReplayedDelivery(one.outboxId(), one.eventId(), A, clock.instant())),
              clock.instant());
          return null;
        });

    assertThat(List.of(status(first), status(second))).containsOnly("queued");
    record("w1", succeeded(thirdClaimed));
    assertThat(claimOne().id()).isEqualTo(first);
    assertThat(status(second)).isEqualTo("queued");
    assertThat(status(third)).isEqualTo("succeeded");
  }

  @Test
  void retentionKeepsADeadLetterThatBlocksItsKey() {
    long blocking = block("k1");
    block("k1");
    record("w1", dead(claimOne()));
    long skipped = deliverKeyed(A, "k2", DeadHeadPolicy.SKIP);
    record("w1", dead(claimOne()));
    clock.advance(Duration.ofDays(30));

    int purged =
        database.write(tx -> store.purgeFinished(tx, DeliveryStatus.DEAD, clock.instant(), 100));

    assertThat(purged).isEqualTo(1);
    assertThat(row(skipped)).isNull();
    assertThat(status(blocking)).isEqualTo("dead");
  }

  @Test
  void abandoningATargetDeadLettersItsQueuedDeliveriesToo() {
    block("k1");
    long queued = block("k1");

    int abandoned =
        database.write(tx -> store.abandonWaiting(tx, A, "target deleted", clock.instant()));

    assertThat(abandoned).isEqualTo(2);
    assertThat(status(queued)).isEqualTo("dead");
  }

  private record DeliveriesRecordView(long outboxId, String eventId) {}

  private DeliveriesRecordView view(long id) {
    var row = row(id);
    return new DeliveriesRecordView(row.getOutboxId(), row.getEventId());
  }
}
