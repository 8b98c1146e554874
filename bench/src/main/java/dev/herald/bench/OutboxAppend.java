package dev.herald.bench;

import dev.herald.core.bus.EventBus;
import dev.herald.proto.event.v1.EventEnvelope;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Outbox append: events per second made durable through the bus (publish N, wait for every durable
 * future) against raw sqlite-jdbc batched inserts of the same rows into the same table, 100 rows
 * per transaction. Each trial starts on a fresh database file; the two alternate.
 */
final class OutboxAppend implements Scenario {

  private static final int EVENTS = 50_000;
  private static final int ROWS_PER_TRANSACTION = 100;
  private static final int TRIALS = 5;
  private static final int WARMUP_TRIALS = 2;

  @Override
  public String name() {
    return "outbox";
  }

  @Override
  public Findings run(Bench bench) throws Exception {
    BenchEvents factory = new BenchEvents();
    double[] herald = new double[TRIALS];
    double[] raw = new double[TRIALS];
    for (int trial = -WARMUP_TRIALS; trial < TRIALS; trial++) { // negative trials warm up
      List<EventEnvelope> events = factory.next(EVENTS, BenchEvents.PAYLOAD_1KB);
      double rawTrial = rawTrial(bench, events);
      double heraldTrial = heraldTrial(bench, events);
      if (trial >= 0) {
        raw[trial] = rawTrial;
        herald[trial] = heraldTrial;
      }
    }
    Result result =
        Result.ratio(
            "outbox_append",
            "Outbox append through the bus (publish, wait for every durable future), 1 KB events",
            Samples.median(herald),
            "events/s",
            Samples.median(raw),
            "sqlite-jdbc batched INSERT, 100 rows/txn, WAL, synchronous=NORMAL",
            Target.atLeast(0.7));
    List<String> notes =
        List.of(
            "outbox: %d events per trial, %d trials after %d warm-up trials, fresh file each; bus queue %d, batch_size %d"
                .formatted(EVENTS, TRIALS, WARMUP_TRIALS, EVENTS, ROWS_PER_TRANSACTION),
            "outbox: trials (events/s) Herald "
                + Samples.list(herald, "%.0f")
                + "; raw "
                + Samples.list(raw, "%.0f"));
    return new Findings(List.of(result), notes);
  }

  private static double heraldTrial(Bench bench, List<EventEnvelope> events) throws Exception {
    Path folder = bench.folder("outbox-herald");
    try (BenchServer server = BenchServer.start(folder, events.size(), "")) {
      EventBus bus = server.bus();
      List<CompletableFuture<Void>> durable = new ArrayList<>(events.size());
      long start = System.nanoTime();
      for (EventEnvelope event : events) {
        durable.add(bus.publish(event));
      }
      CompletableFuture.allOf(durable.toArray(CompletableFuture<?>[]::new)).join();
      return events.size() * 1e9 / (System.nanoTime() - start);
    } finally {
      Bench.deleteTree(folder);
    }
  }

  private static double rawTrial(Bench bench, List<EventEnvelope> events) throws Exception {
    Path folder = bench.folder("outbox-raw");
    try (RawOutbox raw = RawOutbox.create(folder.resolve("raw.db"))) {
      long start = System.nanoTime();
      raw.insert(events, ROWS_PER_TRANSACTION);
      return events.size() * 1e9 / (System.nanoTime() - start);
    } finally {
      Bench.deleteTree(folder);
    }
  }
}
