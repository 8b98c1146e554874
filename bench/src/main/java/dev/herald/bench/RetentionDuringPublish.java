package dev.herald.bench;

import static dev.herald.core.store.jooq.Tables.EVENT_OUTBOX;
import static dev.herald.core.store.jooq.Tables.OUTBOX_CURSOR;

import dev.herald.core.Stores;
import dev.herald.core.bus.EventBus;
import dev.herald.core.retention.PurgeSteps;
import dev.herald.core.retention.Retention;
import dev.herald.core.retention.RetentionPolicy;
import dev.herald.core.retention.RetentionSettings;
import dev.herald.proto.event.v1.EventEnvelope;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Retention: outbox append through the bus (publish N, wait for every durable future) while a purge
 * deletes old events on the same database, against the same append with no purge. Each trial starts
 * on a fresh file holding {@link #OLD} routed events stored before the trial; the purge runs with
 * the default batch size and pause, its cutoff just before the measured events, so it deletes old
 * rows (and gives their pages back) throughout the measurement and never a new one. The two
 * alternate.
 */
final class RetentionDuringPublish implements Scenario {

  private static final int OLD = 50_000;
  private static final int EVENTS = 50_000;
  private static final int TRIALS = 3;
  private static final int WARMUP_TRIALS = 1;
  private static final Duration KEEP = Duration.ofDays(1);
  private static final Duration ROUTING_WAIT = Duration.ofMinutes(2);

  @Override
  public String name() {
    return "retention";
  }

  @Override
  public Findings run(Bench bench) throws Exception {
    BenchEvents factory = new BenchEvents();
    double[] purging = new double[TRIALS];
    double[] quiet = new double[TRIALS];
    long[] purged = new long[TRIALS];
    for (int trial = -WARMUP_TRIALS; trial < TRIALS; trial++) { // negative trials warm up
      List<EventEnvelope> old = factory.next(OLD, BenchEvents.PAYLOAD_1KB);
      List<EventEnvelope> events = factory.next(EVENTS, BenchEvents.PAYLOAD_1KB);
      double quietTrial = trial(bench, old, events, false, new AtomicLong());
      AtomicLong deleted = new AtomicLong();
      double purgingTrial = trial(bench, old, events, true, deleted);
      if (trial >= 0) {
        quiet[trial] = quietTrial;
        purging[trial] = purgingTrial;
        purged[trial] = deleted.get();
      }
    }
    Result result =
        Result.ratio(
            "retention_publish",
            "Outbox append through the bus while retention purges old events, 1 KB events",
            Samples.median(purging),
            "events/s",
            Samples.median(quiet),
            "the same append with no purge",
            Target.atLeast(0.8));
    RetentionSettings settings = RetentionSettings.ofDefaults();
    List<String> notes =
        List.of(
            "retention: %d events per trial on a file holding %d old routed events, %d trials after %d warm-up trial; purge batch_size %d, pause %d ms"
                .formatted(
                    EVENTS,
                    OLD,
                    TRIALS,
                    WARMUP_TRIALS,
                    settings.batchSize(),
                    settings.pause().toMillis()),
            "retention: trials (events/s) purging "
                + Samples.list(purging, "%.0f")
                + "; no purge "
                + Samples.list(quiet, "%.0f")
                + "; old events purged while measuring "
                + java.util.Arrays.toString(purged));
    return new Findings(List.of(result), notes);
  }

  private static double trial(
      Bench bench,
      List<EventEnvelope> old,
      List<EventEnvelope> events,
      boolean purge,
      AtomicLong deleted)
      throws Exception {
    Path folder = bench.folder("retention-" + (purge ? "purging" : "quiet"));
    try (BenchServer server = BenchServer.start(folder, old.size() + events.size(), "")) {
      publishAll(server.bus(), old);
      awaitRouted(server);
      // Everything stored so far is older than the purge's cutoff; nothing published from now on.
      Instant cutoff = Instant.now();
      Retention retention =
          new Retention(
              server.database(),
              PurgeSteps.of(
                  Stores.of(server.database()),
                  new RetentionPolicy(
                      Optional.of(KEEP), Optional.of(KEEP), Optional.of(KEEP), Optional.of(KEEP))),
              RetentionSettings.ofDefaults(),
              Clock.fixed(cutoff.plus(KEEP), ZoneOffset.UTC));
      AtomicBoolean measuring = new AtomicBoolean(true);
      Thread purger =
          Thread.ofPlatform()
              .name("bench-purge")
              .start(
                  () -> {
                    while (purge && measuring.get()) {
                      Map<String, Integer> pass = retention.runPass();
                      deleted.addAndGet(pass.getOrDefault("event_outbox", 0));
                    }
                  });
      try {
        long start = System.nanoTime();
        publishAll(server.bus(), events);
        return events.size() * 1e9 / (System.nanoTime() - start);
      } finally {
        measuring.set(false);
        retention.close();
        purger.join();
      }
    } finally {
      Bench.deleteTree(folder);
    }
  }

  private static void publishAll(EventBus bus, List<EventEnvelope> events) {
    List<CompletableFuture<Void>> durable = new ArrayList<>(events.size());
    for (EventEnvelope event : events) {
      durable.add(bus.publish(event));
    }
    CompletableFuture.allOf(durable.toArray(CompletableFuture<?>[]::new)).join();
  }

  /** Waits until the router has expanded every stored event: only routed events are purged. */
  private static void awaitRouted(BenchServer server) throws TimeoutException {
    long deadline = System.nanoTime() + ROUTING_WAIT.toNanos();
    while (!routed(server)) {
      if (System.nanoTime() > deadline) {
        throw new TimeoutException("retention: events not routed after " + ROUTING_WAIT);
      }
      LockSupport.parkNanos(10_000_000);
    }
  }

  private static boolean routed(BenchServer server) {
    return server.read(
        ctx -> {
          Long last =
              ctx.select(OUTBOX_CURSOR.LAST_ID).from(OUTBOX_CURSOR).fetchOne(OUTBOX_CURSOR.LAST_ID);
          Long newest =
              ctx.select(org.jooq.impl.DSL.max(EVENT_OUTBOX.ID))
                  .from(EVENT_OUTBOX)
                  .fetchOne()
                  .value1();
          return newest == null || (last != null && last >= newest);
        });
  }
}
