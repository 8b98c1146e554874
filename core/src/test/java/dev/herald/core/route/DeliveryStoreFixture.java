package dev.herald.core.route;

import static dev.herald.core.store.jooq.Tables.DELIVERIES;
import static dev.herald.core.store.jooq.Tables.DELIVERY_LOGS;

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
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A delivery store on a fresh database, with the steps its contract tests take. */
abstract class DeliveryStoreFixture {

  /** Opens the test's database: a new one on the first call, the same one on later calls. */
  protected abstract Database open(Path folder);

  protected static final Duration LEASE = Duration.ofMinutes(1);
  protected static final TargetRef A = TargetRef.webhook("a");
  protected static final TargetRef B = TargetRef.webhook("b");
  protected static final TargetRef C = TargetRef.webhook("c");

  @TempDir Path folder;
  protected final SettableClock clock = SettableClock.atEpoch2026();
  protected final EnvelopeFactory events =
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
          outbox.markRouted(tx, unrouted);
          return tx.select(DELIVERIES.ID)
              .from(DELIVERIES)
              .where(DELIVERIES.EVENT_ID.eq(stored.eventId()))
              .orderBy(DELIVERIES.ID)
              .fetch(DELIVERIES.ID);
        });
  }

  /** Claims what is due for the given targets, or for A, B and C. */
  protected List<ClaimedDelivery> claim(String owner, TargetRef... targets) {
    List<TargetRef> claimed = targets.length == 0 ? List.of(A, B, C) : List.of(targets);
    return database.write(
        tx ->
            claimed.stream()
                .flatMap(t -> store.claim(tx, t, owner, clock.instant(), LEASE, 100, 100).stream())
                .toList());
  }

  protected void record(String owner, AttemptRecord... attempts) {
    database.write(
        tx -> {
          store.record(tx, owner, List.of(attempts));
          return null;
        });
  }

  protected void release(String owner, Collection<Long> ids) {
    database.write(
        tx -> {
          store.release(tx, owner, ids, clock.instant());
          return null;
        });
  }

  protected Optional<Instant> nextDue(TargetRef target) {
    return database.read(ctx -> store.nextDue(ctx, target));
  }

  protected AttemptRecord succeeded(ClaimedDelivery delivery) {
    return new AttemptRecord(
        delivery,
        DeliveryResult.delivered(),
        clock.instant(),
        1_500,
        DeliveryStatus.SUCCEEDED,
        null,
        null);
  }

  protected AttemptRecord retryAt(ClaimedDelivery delivery, Instant next) {
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

  protected List<DeliveryLogsRecord> logs() {
    return database.read(ctx -> ctx.selectFrom(DELIVERY_LOGS).orderBy(DELIVERY_LOGS.ID).fetch());
  }

  protected AttemptRecord dead(ClaimedDelivery delivery) {
    return new AttemptRecord(
        delivery,
        DeliveryResult.rejected("http_status", "HTTP 400"),
        clock.instant(),
        1_000,
        DeliveryStatus.DEAD,
        null,
        "HTTP 400");
  }

  protected boolean write(java.util.function.Function<org.jooq.DSLContext, Boolean> change) {
    return database.write(change);
  }
}
