package dev.herald.core.outbox;

import static dev.herald.core.store.jooq.Tables.EVENT_OUTBOX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.herald.core.envelope.EnvelopeFactory;
import dev.herald.core.envelope.EnvelopeValidator;
import dev.herald.core.store.Dialect;
import dev.herald.core.store.SqliteDatabase;
import dev.herald.core.testing.SettableClock;
import dev.herald.proto.event.v1.EventEnvelope;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutboxWriterTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path folder;
  private final SettableClock clock = SettableClock.atEpoch2026();
  private final EnvelopeFactory events =
      new EnvelopeFactory(clock, new SplittableRandom(7), "urn:herald:test");
  private final AtomicInteger commits = new AtomicInteger();
  private SqliteDatabase database;
  private OutboxWriter writer;

  @BeforeEach
  void open() {
    database = SqliteDatabase.open(folder.resolve("h.db"));
  }

  @AfterEach
  void close() {
    if (writer != null) {
      writer.close();
    }
    database.close();
  }

  private void createWriter(int capacity, int batchSize) {
    writer =
        new OutboxWriter(
            database,
            new JooqOutboxStore(Dialect.SQLITE),
            new EnvelopeValidator(clock)::validate,
            clock,
            capacity,
            batchSize,
            committed -> commits.incrementAndGet());
  }

  private EventEnvelope event() {
    return events.json("user.created", "", "{}");
  }

  private CompletableFuture<Void> offer(EventEnvelope event) {
    CompletableFuture<Void> durable = new CompletableFuture<>();
    assertThat(writer.offer(event, durable)).isTrue();
    return durable;
  }

  private static void awaitDurable(List<CompletableFuture<Void>> futures) {
    CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
        .orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS)
        .join();
  }

  private List<String> storedEventIds() {
    return database.read(
        ctx ->
            ctx.select(EVENT_OUTBOX.EVENT_ID)
                .from(EVENT_OUTBOX)
                .orderBy(EVENT_OUTBOX.ID)
                .fetch(EVENT_OUTBOX.EVENT_ID));
  }

  @Test
  void writesQueuedEventsInGroupCommits() {
    createWriter(100, 10);
    List<String> offered = new ArrayList<>();
    List<CompletableFuture<Void>> futures = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      EventEnvelope event = event();
      offered.add(event.getEventId());
      futures.add(offer(event));
    }
    assertThat(writer.backlog()).isEqualTo(50);

    writer.start();
    awaitDurable(futures);

    assertThat(writer.written()).isEqualTo(50);
    assertThat(writer.backlog()).isZero();
    assertThat(storedEventIds()).containsExactlyElementsOf(offered);
    // 50 events waiting before start, 10 per transaction: five commits (the callback runs just
    // after the futures complete).
    await().atMost(WAIT).until(() -> commits.get() == 5);
    writer.close();
    assertThat(commits).hasValue(5);
    long createdAt =
        database.read(
            ctx ->
                ctx.select(EVENT_OUTBOX.CREATED_AT)
                    .from(EVENT_OUTBOX)
                    .limit(1)
                    .fetchOne()
                    .value1());
    assertThat(createdAt).isEqualTo(clock.millis());
  }

  @ParameterizedTest(name = "batchSize {0}")
  @ValueSource(ints = {1, 10})
  void sameEventIdOfferedTwiceIsStoredOnceAndBothFuturesComplete(int batchSize) {
    createWriter(100, batchSize);
    EventEnvelope event = event();
    EventEnvelope other = event();
    CompletableFuture<Void> first = offer(event);
    CompletableFuture<Void> again = offer(event);
    CompletableFuture<Void> otherDurable = offer(other);

    writer.start();
    awaitDurable(List.of(first, again, otherDurable));

    assertThat(storedEventIds()).containsExactly(event.getEventId(), other.getEventId());
  }

  @Test
  void closeWritesWhatIsQueuedThenRefusesMore() {
    createWriter(1000, 50);
    writer.start();
    List<String> offered = new ArrayList<>();
    List<CompletableFuture<Void>> futures = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      EventEnvelope event = event();
      offered.add(event.getEventId());
      futures.add(offer(event));
    }

    writer.close();

    assertThat(futures).allSatisfy(f -> assertThat(f).isCompleted());
    assertThat(storedEventIds()).containsExactlyElementsOf(offered);
    assertThat(writer.written()).isEqualTo(500);
    CompletableFuture<Void> late = new CompletableFuture<>();
    assertThat(writer.offer(event(), late)).isFalse();
    assertThat(late).isNotDone();
    assertThat(storedEventIds()).hasSize(500);
  }

  @Test
  void closeWithoutStartStillWritesWhatIsQueued() {
    createWriter(10, 10);
    EventEnvelope event = event();
    CompletableFuture<Void> durable = offer(event);

    writer.close();

    assertThat(durable).isCompleted();
    assertThat(storedEventIds()).containsExactly(event.getEventId());
    assertThat(writer.offer(event(), new CompletableFuture<>())).isFalse();
  }

  @Test
  void fullQueueRefusesTheOfferAndLeavesItsFutureAlone() {
    createWriter(2, 10);
    offer(event());
    offer(event());
    CompletableFuture<Void> refused = new CompletableFuture<>();

    assertThat(writer.offer(event(), refused)).isFalse();
    assertThat(refused).isNotDone();
    assertThat(writer.backlog()).isEqualTo(2);
  }

  @Test
  void badArgumentsAreNamed() {
    JooqOutboxStore store = new JooqOutboxStore(Dialect.SQLITE);
    Consumer<EventEnvelope> valid = event -> {};
    assertThatThrownBy(() -> new OutboxWriter(database, store, valid, clock, 0, 10, e -> {}))
        .hasMessage("capacity: 0 (expected: >= 1)");
    assertThatThrownBy(() -> new OutboxWriter(database, store, valid, clock, 10, 0, e -> {}))
        .hasMessage("batchSize: 0 (expected: >= 1)");
  }
}
