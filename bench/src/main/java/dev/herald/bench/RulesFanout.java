package dev.herald.bench;

import static dev.herald.core.store.jooq.Tables.DELIVERIES;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.core.Stores;
import dev.herald.core.dispatch.TargetRef;
import dev.herald.core.envelope.EnvelopeFactory;
import dev.herald.core.envelope.EnvelopeJson;
import dev.herald.core.outbox.OutboxEvent;
import dev.herald.core.outbox.TransactionalOutbox;
import dev.herald.core.retry.RetryPolicy;
import dev.herald.core.route.RoutedEvent;
import dev.herald.core.route.Router;
import dev.herald.core.route.RouterSettings;
import dev.herald.core.rule.ContentMatcher;
import dev.herald.core.rule.ContentPattern;
import dev.herald.core.rule.EventDocuments;
import dev.herald.core.store.SqliteDatabase;
import dev.herald.proto.event.v1.EventEnvelope;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.ToIntFunction;

/**
 * Content rules on the routing path: a backlog of events expanded by one router pass into the
 * deliveries of 100 webhook-like targets, each with a content pattern (numeric range, prefix,
 * anything-but; each matches ~10% of events), against the same 100 targets selecting by event type
 * only (exactly 10 per event), and each against the raw rows of the same fan-out. Also the cost per
 * event of rendering an event's document, of event-ruler's automaton over the 100 patterns, and of
 * the index's whole selection, in memory.
 */
final class RulesFanout implements Scenario {

  private static final int TARGETS = 100;
  private static final int TYPES = 10;
  private static final int EVENTS = 10_000;
  private static final int TRIALS = 3;
  private static final int WARMUP_TRIALS = 1;
  private static final int COST_ROUNDS = 5;
  private static final List<String> CHANNELS =
      List.of(
          "web", "app", "store", "partner", "phone", "kiosk", "mail", "chat", "social", "market");

  @Override
  public String name() {
    return "rules";
  }

  @Override
  public Findings run(Bench bench) throws Exception {
    EventDocuments documents = new EventDocuments(EnvelopeJson.withoutTypedPayloads());
    List<ContentPattern> patterns = patterns();
    RuleTargets withPatterns =
        new RuleTargets(
            patterns.stream()
                .map(p -> new RuleTargets.Rule(Optional.empty(), Optional.of(p)))
                .toList(),
            documents);
    List<RuleTargets.Rule> typeRules = new ArrayList<>();
    for (int i = 0; i < TARGETS; i++) {
      typeRules.add(new RuleTargets.Rule(Optional.of(type(i % TYPES)), Optional.empty()));
    }
    RuleTargets byType = new RuleTargets(typeRules, documents);
    List<EventEnvelope> events = events();
    List<JsonNode> rendered = events.stream().map(documents::document).toList();
    List<List<String>> patternFanout = fanout(withPatterns, events, rendered);
    List<List<String>> typeFanout = fanout(byType, events, rendered);

    double[] herald = new double[TRIALS];
    double[] heraldTypes = new double[TRIALS];
    double[] raw = new double[TRIALS];
    double[] rawTypes = new double[TRIALS];
    for (int trial = -WARMUP_TRIALS; trial < TRIALS; trial++) { // negative trials warm up
      double rawTrial = rawTrial(bench, events, patternFanout);
      double rawTypesTrial = rawTrial(bench, events, typeFanout);
      double heraldTrial = heraldTrial(bench, events, withPatterns, patternFanout);
      double heraldTypesTrial = heraldTrial(bench, events, byType, typeFanout);
      if (trial >= 0) {
        raw[trial] = rawTrial;
        rawTypes[trial] = rawTypesTrial;
        herald[trial] = heraldTrial;
        heraldTypes[trial] = heraldTypesTrial;
      }
    }
    Map<Integer, ContentPattern> keyed = new HashMap<>();
    for (int i = 0; i < patterns.size(); i++) {
      keyed.put(i, patterns.get(i));
    }
    ContentMatcher<Integer> matcher = ContentMatcher.of(keyed);
    double renderMicros = microsPerEvent(events, e -> documents.document(e).size());
    double matchMicros = microsPerEvent(rendered, doc -> matcher.matching(doc).size());
    List<RoutedEvent> routed = routed(events, rendered);
    double selectMicros = microsPerEvent(routed, e -> withPatterns.subscribers(e).size());
    double selectTypeMicros = microsPerEvent(routed, e -> byType.subscribers(e).size());

    String rawTitle = "sqlite-jdbc batched INSERT of the same delivery rows + cursor, 100/txn";
    List<Result> results =
        List.of(
            Result.ratio(
                "rules_fanout_patterns",
                "Fan-out to 100 targets with content patterns (~10% match each), one router pass",
                Samples.median(herald),
                "events/s",
                Samples.median(raw),
                rawTitle,
                Target.NONE),
            Result.ratio(
                "rules_fanout_types",
                "Fan-out to the same 100 targets by event type only (10 per event)",
                Samples.median(heraldTypes),
                "events/s",
                Samples.median(rawTypes),
                rawTitle,
                Target.NONE),
            Result.ratio(
                "rules_fanout_patterns_vs_types",
                "Fan-out with content patterns, against the same targets by type only",
                Samples.median(herald),
                "events/s",
                Samples.median(heraldTypes),
                "the type-only fan-out measured above",
                Target.NONE),
            Result.plain(
                "rules_render_cost",
                "Rendering an event's JSON document (EventDocuments), per event",
                renderMicros,
                "µs",
                "~130-byte payload"),
            Result.plain(
                "rules_match_cost",
                "event-ruler over the 100 patterns (ContentMatcher.matching), per event",
                matchMicros,
                "µs",
                "document rendered already"),
            Result.plain(
                "rules_select_cost",
                "SubscriptionIndex.subscribers, 100 targets with patterns, per event",
                selectMicros,
                "µs",
                "type-only: %.2f µs".formatted(selectTypeMicros)));
    List<String> notes =
        List.of(
            "rules: %d events per trial, %d trials after %d warm-up, fresh file each; %d targets;"
                    .formatted(EVENTS, TRIALS, WARMUP_TRIALS, TARGETS)
                + " deliveries per event %.2f with patterns, %.2f by type"
                    .formatted(average(patternFanout), average(typeFanout)),
            "rules: trials (events/s) patterns "
                + Samples.list(herald, "%.0f")
                + "; types "
                + Samples.list(heraldTypes, "%.0f")
                + "; raw (patterns' rows) "
                + Samples.list(raw, "%.0f")
                + "; raw (types' rows) "
                + Samples.list(rawTypes, "%.0f"));
    return new Findings(results, notes);
  }

  /**
   * Targets 0, 3, 6, ... take a range of 100 of the total (0-999), 1, 4, 7, ... a prefix of the SKU
   * (10 letters), 2, 5, 8, ... one channel of 10 by excluding the nine others.
   */
  private static List<ContentPattern> patterns() {
    List<ContentPattern> patterns = new ArrayList<>();
    for (int i = 0; i < TARGETS; i++) {
      int k = (i / 3) % 10;
      String json =
          switch (i % 3) {
            case 0 ->
                "{\"payload\":{\"total\":[{\"numeric\":[\">=\",%d,\"<\",%d]}]}}"
                    .formatted(k * 100, k * 100 + 100);
            case 1 -> "{\"payload\":{\"sku\":[{\"prefix\":\"sku-%c\"}]}}".formatted('a' + k);
            default ->
                "{\"payload\":{\"channel\":[{\"anything-but\":[%s]}]}}"
                    .formatted(
                        String.join(
                            ",",
                            CHANNELS.stream()
                                .filter(c -> !c.equals(CHANNELS.get(k)))
                                .map(c -> "\"" + c + "\"")
                                .toList()));
          };
      patterns.add(ContentPattern.parse(json));
    }
    return patterns;
  }

  private static String type(int i) {
    return "order.t" + i;
  }

  private static List<EventEnvelope> events() {
    SplittableRandom random = new SplittableRandom(42);
    EnvelopeFactory factory =
        new EnvelopeFactory(Clock.systemUTC(), new SplittableRandom(7), "urn:herald:bench");
    List<EventEnvelope> events = new ArrayList<>(EVENTS);
    for (int i = 0; i < EVENTS; i++) {
      String payload =
          ("{\"order_id\":\"o-%d\",\"total\":%d,\"sku\":\"sku-%c%04d\",\"channel\":\"%s\","
                  + "\"country\":\"DE\",\"customer\":{\"id\":\"c-%d\",\"tier\":\"gold\"}}")
              .formatted(
                  i,
                  random.nextInt(1000),
                  'a' + random.nextInt(10),
                  random.nextInt(10_000),
                  CHANNELS.get(random.nextInt(CHANNELS.size())),
                  random.nextInt(1_000_000));
      events.add(factory.json(type(random.nextInt(TYPES)), BenchEvents.REALM, payload));
    }
    return events;
  }

  /** Returns the events as the router sees them, outbox ids 1, 2, ..., documents rendered. */
  private static List<RoutedEvent> routed(List<EventEnvelope> events, List<JsonNode> rendered) {
    List<RoutedEvent> routed = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      EventEnvelope e = events.get(i);
      JsonNode document = rendered.get(i);
      routed.add(
          new RoutedEvent(
              new OutboxEvent(
                  i + 1, e.getEventId(), e.getEventType(), e.getEventVersion(), e.getRealmId()),
              () -> document));
    }
    return routed;
  }

  /** Returns the target keys each event goes to, computed in memory. */
  private static List<List<String>> fanout(
      RuleTargets targets, List<EventEnvelope> events, List<JsonNode> rendered) {
    return routed(events, rendered).stream()
        .map(e -> targets.subscribers(e).stream().map(TargetRef::key).toList())
        .toList();
  }

  private static double average(List<List<String>> fanout) {
    return fanout.stream().mapToInt(List::size).average().orElse(0);
  }

  private static double heraldTrial(
      Bench bench, List<EventEnvelope> events, RuleTargets targets, List<List<String>> expected)
      throws Exception {
    Path folder = bench.folder("rules-herald");
    try (SqliteDatabase database = SqliteDatabase.open(folder.resolve("herald.db"))) {
      Stores stores = Stores.of(database);
      append(database, stores, events);
      try (Router router =
          new Router(
              database,
              stores.outbox(),
              stores.deliveries(),
              targets,
              List.of(),
              RetryPolicy.ofDefaults(),
              RouterSettings.ofDefaults(),
              Clock.systemUTC(),
              new SplittableRandom(1),
              new SimpleMeterRegistry())) {
        long start = System.nanoTime();
        router.runOnce(Duration.ofMinutes(5)); // every target is held: routing only
        double perSecond = events.size() * 1e9 / (System.nanoTime() - start);
        int deliveries = database.read(ctx -> ctx.fetchCount(DELIVERIES));
        long wanted = expected.stream().mapToLong(List::size).sum();
        if (deliveries != wanted) {
          throw new IllegalStateException(
              "router made " + deliveries + " deliveries (expected: " + wanted + ")");
        }
        return perSecond;
      }
    } finally {
      Bench.deleteTree(folder);
    }
  }

  private static double rawTrial(Bench bench, List<EventEnvelope> events, List<List<String>> fanout)
      throws Exception {
    Path folder = bench.folder("rules-raw");
    Path file = folder.resolve("raw.db");
    try {
      try (SqliteDatabase database = SqliteDatabase.open(file)) {
        append(database, Stores.of(database), events);
      }
      try (RawFanoutRows raw = RawFanoutRows.open(file)) {
        List<String> ids = events.stream().map(EventEnvelope::getEventId).toList();
        long start = System.nanoTime();
        raw.write(ids, fanout, RouterSettings.ofDefaults().batchSize());
        return events.size() * 1e9 / (System.nanoTime() - start);
      }
    } finally {
      Bench.deleteTree(folder);
    }
  }

  /** Appends the events to the outbox, untimed: the backlog the router pass expands. */
  private static void append(SqliteDatabase database, Stores stores, List<EventEnvelope> events) {
    TransactionalOutbox outbox =
        new TransactionalOutbox(database, stores.outbox(), e -> {}, Clock.systemUTC(), () -> {});
    for (int from = 0; from < events.size(); from += 1000) {
      List<EventEnvelope> chunk = events.subList(from, Math.min(events.size(), from + 1000));
      outbox.inTransaction(
          (tx, appender) -> {
            chunk.forEach(appender::append);
            return null;
          });
    }
  }

  /** Returns the microseconds {@code work} takes per item, the best of a few rounds. */
  private static <T> double microsPerEvent(List<T> items, ToIntFunction<T> work) {
    double best = Double.MAX_VALUE;
    long sink = 0;
    for (int round = 0; round < COST_ROUNDS; round++) {
      long start = System.nanoTime();
      for (T item : items) {
        sink += work.applyAsInt(item);
      }
      best = Math.min(best, (System.nanoTime() - start) / 1e3 / items.size());
    }
    if (sink == Long.MIN_VALUE) {
      System.out.println(sink); // keeps the work from being optimised away
    }
    return best;
  }
}
