package dev.herald.core.route;

import static dev.herald.core.store.jooq.Tables.DELIVERIES;

import dev.herald.core.Stores;
import dev.herald.core.envelope.EnvelopeFactory;
import dev.herald.core.outbox.TransactionalOutbox;
import dev.herald.core.retry.RetryPolicy;
import dev.herald.core.route.OrderedReceiver.Sent;
import dev.herald.core.store.Database;
import dev.herald.proto.event.v1.EventEnvelope;
import dev.herald.proto.event.v1.Subject;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.jooq.impl.DSL;

/**
 * One run of ordered delivery against a real database: events of many keys appended before and
 * while routers run, a receiver that fails, times out and rejects at random, routers restarted
 * midway (one or several nodes on one database), and an operator who settles dead letters. Returns
 * what the receiver saw and where each delivery ended.
 */
final class OrderedDeliveryRun {

  /**
   * What to run.
   *
   * @param poison how many events the receiver rejects (dead-lettered at once)
   * @param nodes routers running at once, each with its own connections to the database
   * @param restarts how many times a router is closed and replaced while events flow
   */
  record Plan(
      int keys,
      int eventsPerKey,
      double failRate,
      double timeoutRate,
      int poison,
      DeadHeadPolicy onDead,
      int nodes,
      int restarts,
      int maxInFlight,
      long seed) {}

  /** What the run left: the receiver's violations and each event's final delivery status. */
  record Result(
      List<String> violations,
      Map<String, String> statusByEvent,
      Set<String> poison,
      Set<String> cured,
      int events) {}

  private static final Duration DEADLINE = Duration.ofSeconds(90);
  private static final RetryPolicy QUICK_RETRIES =
      RetryPolicy.schedule(
          List.of(
              Duration.ofMillis(1),
              Duration.ofMillis(2),
              Duration.ofMillis(4),
              Duration.ofMillis(8),
              Duration.ofMillis(16)),
          0.0);
  private static final RouterSettings SETTINGS =
      new RouterSettings(
          Duration.ofMillis(20),
          Duration.ofSeconds(30),
          50,
          256,
          Duration.ofSeconds(10),
          new BreakerSettings(1_000_000, Duration.ofSeconds(1)));

  /** One router and its own database connections: a node. */
  private record Node(Database database, Router router) {
    void close() {
      router.close();
      database.close();
    }
  }

  private final Plan plan;
  private final Supplier<Database> databases;
  private final OrderedTargets targets;
  private final Random random;

  private OrderedDeliveryRun(Plan plan, Supplier<Database> databases) {
    this.plan = plan;
    this.databases = databases;
    this.targets =
        new OrderedTargets(new Ordering(OrderKey.subject(), plan.onDead()), plan.maxInFlight());
    this.random = new Random(plan.seed());
  }

  /**
   * Runs the plan; {@code databases} opens a new connection pool to the same database on each call.
   */
  static Result run(Plan plan, Supplier<Database> databases) throws Exception {
    return new OrderedDeliveryRun(plan, databases).run();
  }

  private Result run() throws Exception {
    EnvelopeFactory factory =
        new EnvelopeFactory(Clock.systemUTC(), new SplittableRandom(plan.seed()), "urn:test");
    List<EventEnvelope> events = interleaved(factory);
    Map<String, Sent> sent = new HashMap<>();
    Map<String, Integer> next = new HashMap<>();
    for (EventEnvelope event : events) {
      String key = event.getSubject().getId();
      sent.put(event.getEventId(), new Sent(key, next.merge(key, 1, Integer::sum) - 1));
    }
    List<String> ids = new ArrayList<>(sent.keySet());
    Collections.sort(ids);
    Collections.shuffle(ids, random);
    Set<String> poison = new HashSet<>(ids.subList(0, Math.min(plan.poison(), ids.size())));
    Set<String> cured = new HashSet<>();
    OrderedReceiver receiver =
        new OrderedReceiver(
            sent, plan.failRate(), plan.timeoutRate(), poison, plan.seed(), plan.onDead());
    List<Node> nodes = new ArrayList<>();
    Database control = databases.get();
    try {
      Stores stores = Stores.of(control);
      TransactionalOutbox outbox =
          new TransactionalOutbox(
              control,
              stores.outbox(),
              event -> {},
              Clock.systemUTC(),
              () -> nodes.forEach(node -> node.router().eventsAppended()));
      int half = events.size() / 2;
      append(outbox, events.subList(0, half));
      for (int i = 0; i < plan.nodes(); i++) {
        nodes.add(startNode(receiver));
      }
      int restarted = 0;
      int appended = half;
      long deadline = System.nanoTime() + DEADLINE.toNanos();
      while (true) {
        if (appended < events.size()) {
          int to = Math.min(events.size(), appended + 5);
          append(outbox, events.subList(appended, to));
          appended = to;
        }
        if (restarted < plan.restarts()
            && receiver.arrivals() >= (restarted + 1) * events.size() / (plan.restarts() + 1)) {
          int which = restarted % nodes.size();
          nodes.get(which).close();
          nodes.set(which, startNode(receiver));
          restarted++;
        }
        if (plan.onDead() == DeadHeadPolicy.BLOCK) {
          settleDeadLetters(control, stores.deliveries(), receiver, cured, nodes);
        }
        if (appended == events.size() && restarted == plan.restarts() && finished(control)) {
          break;
        }
        if (System.nanoTime() > deadline) {
          throw new TimeoutException(
              "not finished after " + DEADLINE + ": " + statuses(control).values());
        }
        Thread.sleep(5); // polls the database for the end of the run
      }
      return new Result(receiver.violations(), statuses(control), poison, cured, events.size());
    } finally {
      nodes.forEach(Node::close);
      control.close();
      receiver.close();
    }
  }

  /** Returns the events, each key's in order, the keys interleaved at random. */
  private List<EventEnvelope> interleaved(EnvelopeFactory factory) {
    List<String> slots = new ArrayList<>();
    for (int k = 0; k < plan.keys(); k++) {
      for (int e = 0; e < plan.eventsPerKey(); e++) {
        slots.add("k" + k);
      }
    }
    Collections.shuffle(slots, random);
    List<EventEnvelope> events = new ArrayList<>();
    for (String key : slots) {
      events.add(
          factory
              .stamped("user.updated", 1, "")
              .setSubject(Subject.newBuilder().setType("user").setId(key))
              .setJsonPayload("{}")
              .build());
    }
    return events;
  }

  private Node startNode(OrderedReceiver receiver) {
    Database database = databases.get();
    Stores stores = Stores.of(database);
    Router router =
        new Router(
            database,
            stores.outbox(),
            stores.deliveries(),
            targets,
            List.of(receiver),
            QUICK_RETRIES,
            SETTINGS,
            Clock.systemUTC(),
            new SplittableRandom(random.nextLong()),
            new SimpleMeterRegistry());
    router.start();
    return new Node(database, router);
  }

  private static void append(TransactionalOutbox outbox, List<EventEnvelope> events) {
    outbox.inTransaction(
        (tx, appender) -> {
          events.forEach(appender::append);
          return null;
        });
  }

  /** An operator's turn: each dead letter blocking its key is discarded or fixed and retried. */
  private void settleDeadLetters(
      Database database,
      DeliveryStore store,
      OrderedReceiver receiver,
      Set<String> cured,
      List<Node> nodes) {
    Map<Long, String> dead =
        database.read(
            ctx ->
                ctx.select(DELIVERIES.ID, DELIVERIES.EVENT_ID)
                    .from(DELIVERIES)
                    .where(DELIVERIES.STATUS.eq(DeliveryStatus.DEAD.dbValue()))
                    .fetchMap(DELIVERIES.ID, DELIVERIES.EVENT_ID));
    dead.forEach(
        (id, eventId) -> {
          if (random.nextBoolean()) {
            receiver.settled(eventId);
            database.write(tx -> store.discard(tx, id, Clock.systemUTC().instant()));
          } else {
            receiver.cure(eventId);
            cured.add(eventId);
            database.write(tx -> store.makeDue(tx, id, Clock.systemUTC().instant()));
          }
        });
    if (!dead.isEmpty()) {
      nodes.forEach(node -> node.router().wake());
    }
  }

  /**
   * Whether every event has its delivery and every delivery finished (or dead, on a key that
   * skips).
   */
  private boolean finished(Database database) {
    return database.read(
        ctx -> {
          int total = plan.keys() * plan.eventsPerKey();
          int deliveries = ctx.fetchCount(DELIVERIES);
          int open =
              ctx.fetchCount(
                  DELIVERIES,
                  DELIVERIES.STATUS.in(
                      DeliveryStatus.PENDING.dbValue(),
                      DeliveryStatus.QUEUED.dbValue(),
                      DeliveryStatus.SCHEDULED.dbValue(),
                      DeliveryStatus.IN_FLIGHT.dbValue()));
          int blocking =
              plan.onDead() == DeadHeadPolicy.BLOCK
                  ? ctx.fetchCount(DELIVERIES, DELIVERIES.STATUS.eq(DeliveryStatus.DEAD.dbValue()))
                  : 0;
          return deliveries == total && open == 0 && blocking == 0;
        });
  }

  private static Map<String, String> statuses(Database database) {
    return database.read(
        ctx ->
            ctx.select(DELIVERIES.EVENT_ID, DELIVERIES.STATUS)
                .from(DELIVERIES)
                .where(DSL.trueCondition())
                .fetchMap(DELIVERIES.EVENT_ID, DELIVERIES.STATUS));
  }
}
