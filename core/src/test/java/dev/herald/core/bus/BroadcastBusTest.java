package dev.herald.core.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.herald.core.envelope.EnvelopeFactory;
import dev.herald.core.envelope.EnvelopeValidator;
import dev.herald.core.envelope.InvalidEnvelopeException;
import dev.herald.core.outbox.JooqOutboxStore;
import dev.herald.core.outbox.OutboxWriter;
import dev.herald.core.store.Dialect;
import dev.herald.core.store.SqliteDatabase;
import dev.herald.core.testing.StoredEvents;
import dev.herald.proto.event.v1.EventEnvelope;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BroadcastBusTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path folder;
  private final Clock clock = Clock.systemUTC();
  private final EnvelopeFactory events =
      new EnvelopeFactory(clock, new SplittableRandom(7), "urn:herald:test");
  private final CountDownLatch gate = new CountDownLatch(1);
  private SqliteDatabase database;
  private OutboxWriter writer;
  private BroadcastBus bus;

  @BeforeEach
  void open() {
    database = SqliteDatabase.open(folder.resolve("h.db"));
  }

  @AfterEach
  void close() {
    gate.countDown();
    if (bus != null) {
      bus.close();
    }
    if (writer != null) {
      writer.close();
    }
    database.close();
  }

  private void createBus(int outboxCapacity) {
    writer =
        new OutboxWriter(
            database,
            new JooqOutboxStore(Dialect.SQLITE),
            new EnvelopeValidator(clock)::validate,
            clock,
            outboxCapacity,
            100,
            committed -> bus.committed(committed));
    bus = new BroadcastBus(writer);
  }

  private EventEnvelope event() {
    return events.json("user.created", "", "{\"n\":1}");
  }

  private List<EventEnvelope> storedEnvelopes() {
    return StoredEvents.envelopes(database);
  }

  private static void awaitDurable(List<CompletableFuture<Void>> futures) {
    CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
        .orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS)
        .join();
  }

  /** Waits for the gate without giving up when close() interrupts the subscriber's thread. */
  private void passGate() {
    boolean interrupted = false;
    while (true) {
      try {
        gate.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void everyPublishedEventBecomesDurableExactlyOnce() {
    createBus(1024);
    writer.start();
    List<EventEnvelope> published = new ArrayList<>();
    List<CompletableFuture<Void>> futures = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      EventEnvelope event = event();
      published.add(event);
      futures.add(bus.publish(event));
    }

    awaitDurable(futures);

    assertThat(futures).allSatisfy(f -> assertThat(f).isCompleted());
    assertThat(storedEnvelopes()).containsExactlyInAnyOrderElementsOf(published);
    assertThat(bus.rejected()).isZero();
  }

  @Test
  void invalidEnvelopeIsRefusedNamingTheFieldsAndNothingIsStored() {
    createBus(16);
    writer.start();
    List<String> seen = new CopyOnWriteArrayList<>();
    bus.subscribe("seen", 16, e -> seen.add(e.getEventId()));
    EventEnvelope invalid = event().toBuilder().setEventType("User.Created").setEventId("").build();

    CompletableFuture<Void> refused = bus.publish(invalid);

    assertThatThrownBy(refused::join)
        .cause()
        .isInstanceOf(InvalidEnvelopeException.class)
        .hasMessageContaining("event_id: empty")
        .hasMessageContaining("event_type: 'User.Created'");
    assertThat(writer.refused()).isEqualTo(1);

    // A valid event published after it is a marker: once it is durable, the refused one would be
    // too.
    EventEnvelope valid = event();
    awaitDurable(List.of(bus.publish(valid)));
    await().atMost(WAIT).until(() -> seen.size() == 1);
    assertThat(storedEnvelopes()).containsExactly(valid);
    assertThat(seen).containsExactly(valid.getEventId());
    assertThat(bus.rejected()).isZero();
  }

  @Test
  void fullOutboxQueueRefusesThePublishAndSubscribersNeverSeeIt() {
    createBus(2);
    List<String> seen = new CopyOnWriteArrayList<>();
    BusSubscription subscription = bus.subscribe("seen", 16, e -> seen.add(e.getEventId()));
    EventEnvelope first = event();
    EventEnvelope second = event();
    EventEnvelope refused = event();

    CompletableFuture<Void> firstDurable = bus.publish(first);
    CompletableFuture<Void> secondDurable = bus.publish(second);
    CompletableFuture<Void> refusedDurable = bus.publish(refused);

    assertThatThrownBy(refusedDurable::join)
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOf(BusOverflowException.class)
        .hasMessageContaining(refused.getEventId());
    assertThat(bus.rejected()).isEqualTo(1);
    assertThat(firstDurable).isNotDone();
    assertThat(secondDurable).isNotDone();

    // The accepted events are written once the writer runs; the refused one is not.
    writer.start();
    awaitDurable(List.of(firstDurable, secondDurable));
    assertThat(storedEnvelopes()).containsExactly(first, second);
    bus.close();
    assertThat(seen).containsExactly(first.getEventId(), second.getEventId());
    assertThat(subscription.delivered()).isEqualTo(2);
    assertThat(subscription.dropped()).isZero();
  }

  @Test
  void subscriberReceivesEveryAcceptedEventInOrder() {
    createBus(1024);
    writer.start();
    List<EventEnvelope> seen = new CopyOnWriteArrayList<>();
    BusSubscription subscription = bus.subscribe("all", 1024, seen::add);
    List<EventEnvelope> published = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      EventEnvelope event = event();
      published.add(event);
      bus.publish(event);
    }

    await().atMost(WAIT).until(() -> seen.size() == published.size());
    assertThat(seen).containsExactlyElementsOf(published);
    assertThat(subscription.delivered()).isEqualTo(100);
    assertThat(subscription.dropped()).isZero();
    assertThat(bus.subscriptions()).containsExactly(subscription);
  }

  @Test
  void blockedSubscriberStallsNeitherPublishNorOtherSubscribers() {
    createBus(1024);
    writer.start();
    CountDownLatch slowEntered = new CountDownLatch(1);
    List<String> slowSeen = new CopyOnWriteArrayList<>();
    BusSubscription slow =
        bus.subscribe(
            "slow",
            1,
            e -> {
              slowSeen.add(e.getEventId());
              slowEntered.countDown();
              passGate();
            });
    List<String> fastSeen = new CopyOnWriteArrayList<>();
    BusSubscription fast = bus.subscribe("fast", 64, e -> fastSeen.add(e.getEventId()));

    List<CompletableFuture<Void>> futures = new ArrayList<>();
    futures.add(bus.publish(event()));
    // The slow listener now holds the first event; its one-slot queue takes the second event and
    // every later one is dropped for it alone.
    await().atMost(WAIT).until(() -> slowEntered.getCount() == 0);
    for (int i = 1; i < 10; i++) {
      futures.add(bus.publish(event()));
    }

    awaitDurable(futures);
    await().atMost(WAIT).until(() -> fastSeen.size() == 10);
    assertThat(fast.dropped()).isZero();
    assertThat(slow.dropped()).isEqualTo(8);
    assertThat(storedEnvelopes()).hasSize(10);

    gate.countDown();
    await().atMost(WAIT).until(() -> slow.delivered() == 2);
    assertThat(slowSeen).hasSize(2);
    assertThat(bus.rejected()).isZero();
  }

  @Test
  void closeLetsSubscribersDrainTheirQueues() {
    createBus(1024);
    writer.start();
    List<String> seen = new CopyOnWriteArrayList<>();
    BusSubscription subscription =
        bus.subscribe(
            "gated",
            64,
            e -> {
              passGate();
              seen.add(e.getEventId());
            });
    List<String> published = new ArrayList<>();
    List<CompletableFuture<Void>> futures = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      EventEnvelope event = event();
      published.add(event.getEventId());
      futures.add(bus.publish(event));
    }
    assertThat(seen).isEmpty();

    gate.countDown();
    writer.close();
    bus.close();

    assertThat(seen).containsExactlyElementsOf(published);
    assertThat(subscription.delivered()).isEqualTo(20);
    assertThat(bus.subscriptions()).isEmpty();
    assertThat(futures).allSatisfy(f -> assertThat(f).isCompleted());
    assertThat(storedEnvelopes()).hasSize(20);
    // With the writer closed, a later publish is refused rather than lost.
    assertThatThrownBy(() -> bus.publish(event()).join())
        .cause()
        .isInstanceOf(BusOverflowException.class);
    assertThat(bus.rejected()).isEqualTo(1);
  }
}
