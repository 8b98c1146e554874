package dev.herald.core.route;

import static dev.herald.core.store.jooq.Tables.DELIVERIES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.Stores;
import dev.herald.core.envelope.EnvelopeFactory;
import dev.herald.core.outbox.OutboxEvent;
import dev.herald.core.outbox.OutboxStore;
import dev.herald.core.outbox.TransactionalOutbox;
import dev.herald.core.retry.RetryPolicy;
import dev.herald.core.store.Database;
import dev.herald.core.store.PostgresDatabase;
import dev.herald.core.store.PostgresSettings;
import dev.herald.core.store.PurgedRows;
import dev.herald.core.testing.ScriptedDispatcher;
import dev.herald.core.testing.TestPostgres;
import dev.herald.proto.event.v1.EventEnvelope;
import dev.herald.proto.event.v1.Subject;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes routing one key's events at the same moment on PostgreSQL, where routers split new
 * events between them: the node that takes the key's later event must not make it the key's head
 * while the other node still holds the earlier one, uncommitted.
 */
class PostgresOrderedRoutingIT {

  private static final Duration PASS = Duration.ofSeconds(30);

  private final ExecutorService nodes = Executors.newCachedThreadPool();
  private final List<Database> databases = new ArrayList<>();
  private final List<Router> routers = new ArrayList<>();
  private final ScriptedDispatcher receiver = ScriptedDispatcher.alwaysDelivering();
  private final OrderedTargets targets =
      new OrderedTargets(new Ordering(OrderKey.subject(), DeadHeadPolicy.BLOCK), 8);
  private final EnvelopeFactory events =
      new EnvelopeFactory(Clock.systemUTC(), new SplittableRandom(3), "urn:test");

  @AfterEach
  void close() {
    nodes.shutdownNow();
    routers.forEach(Router::close);
    databases.forEach(Database::close);
  }

  @Test
  void aLaterEventOfAKeyWaitsForTheEarlierOneAnotherNodeIsRouting() throws Exception {
    PostgresSettings settings = TestPostgres.freshDatabase();
    Database control = open(settings);
    TransactionalOutbox outbox =
        new TransactionalOutbox(
            control, Stores.of(control).outbox(), event -> {}, Clock.systemUTC(), () -> {});
    PausingOutbox paused = new PausingOutbox(Stores.of(open(settings)).outbox());
    Router nodeA = router(databases.getLast(), paused);
    Router nodeB = router(open(settings), Stores.of(databases.getLast()).outbox());

    EventEnvelope first = append(outbox, "k1");
    CompletableFuture<Integer> passA = CompletableFuture.supplyAsync(() -> pass(nodeA), nodes);
    assertThat(paused.taken.await(30, TimeUnit.SECONDS)).as("node A took the first event").isTrue();
    EventEnvelope second = append(outbox, "k1");
    CompletableFuture<Integer> passB = CompletableFuture.supplyAsync(() -> pass(nodeB), nodes);
    awaitRoutedOrWaitingForALock(second, control);
    paused.release.countDown();
    passA.get(30, TimeUnit.SECONDS);
    passB.get(30, TimeUnit.SECONDS);
    pass(nodeA);
    pass(nodeB);

    assertThat(receiver.attempts())
        .extracting(attempt -> attempt.envelope().getEventId())
        .containsExactly(first.getEventId(), second.getEventId());
  }

  private Database open(PostgresSettings settings) {
    Database database = PostgresDatabase.open(settings);
    databases.add(database);
    return database;
  }

  private Router router(Database database, OutboxStore outbox) {
    Router router =
        new Router(
            database,
            outbox,
            Stores.of(database).deliveries(),
            targets,
            List.of(receiver),
            RetryPolicy.schedule(List.of(Duration.ofMillis(1)), 0.0),
            RouterSettings.ofDefaults(),
            Clock.systemUTC(),
            new SplittableRandom(1),
            new SimpleMeterRegistry());
    routers.add(router);
    return router;
  }

  private EventEnvelope append(TransactionalOutbox outbox, String key) {
    EventEnvelope event =
        events
            .stamped("user.updated", 1, "")
            .setSubject(Subject.newBuilder().setType("user").setId(key))
            .setJsonPayload("{}")
            .build();
    outbox.inTransaction(
        (tx, appender) -> {
          appender.append(event);
          return null;
        });
    return event;
  }

  private static int pass(Router router) {
    try {
      return router.runOnce(PASS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Waits until node B has routed {@code event} (committed its delivery) or stands waiting for a
   * lock node A holds. (A pass by hand routes until nothing is left, so it does not end while node
   * A holds an event.)
   */
  private static void awaitRoutedOrWaitingForALock(EventEnvelope event, Database database) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (database.read(
            ctx ->
                ctx.fetchCount(DELIVERIES, DELIVERIES.EVENT_ID.eq(event.getEventId()))
                    + ctx.fetchCount(ctx.selectFrom("pg_locks").where("not granted")))
        == 0) {
      assertThat(System.nanoTime()).as("node B neither routed nor waiting").isLessThan(deadline);
      Thread.onSpinWait();
    }
  }

  /** An outbox that, once, holds the router's transaction right after it took its events. */
  private static final class PausingOutbox implements OutboxStore {
    final CountDownLatch taken = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    private final OutboxStore outbox;

    PausingOutbox(OutboxStore outbox) {
      this.outbox = outbox;
    }

    @Override
    public List<OutboxEvent> markRouted(DSLContext tx, Unrouted batch) {
      List<OutboxEvent> mine = outbox.markRouted(tx, batch);
      if (!mine.isEmpty() && taken.getCount() > 0) {
        taken.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return mine;
    }

    @Override
    public void append(DSLContext tx, Collection<EventEnvelope> events, Instant now) {
      outbox.append(tx, events, now);
    }

    @Override
    public Unrouted unrouted(DSLContext ctx, int limit) {
      return outbox.unrouted(ctx, limit);
    }

    @Override
    public long unroutedCount(DSLContext ctx) {
      return outbox.unroutedCount(ctx);
    }

    @Override
    public Map<Long, EventEnvelope> envelopes(DSLContext ctx, Collection<Long> outboxIds) {
      return outbox.envelopes(ctx, outboxIds);
    }

    @Override
    public List<OutboxEvent> routed(DSLContext ctx, Condition condition, int limit) {
      return outbox.routed(ctx, condition, limit);
    }

    @Override
    public PurgedRows purgeDone(DSLContext tx, long afterId, Instant createdBefore, int limit) {
      return outbox.purgeDone(tx, afterId, createdBefore, limit);
    }
  }
}
