package dev.herald.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * A backlog drain: the outbox is pre-filled with N pending 1 KB events (raw inserts, 1000 rows per
 * transaction), then Herald starts with one endpoint and delivers them. Reports the drain rate
 * against the raw POST loop, and the live heap (after a full GC) at checkpoints as the backlog
 * shrinks, to show whether memory follows the backlog. A drain still going after the time cap is
 * stopped and reported as partial, so a run always ends.
 */
final class BacklogDrain implements Scenario {

  private static final int PREFILL_CHUNK = 10_000;
  private static final int PREFILL_ROWS_PER_TRANSACTION = 1000;
  private static final int CHECKPOINTS = 10;
  private static final long CHECKPOINT_EVERY_NANOS = Duration.ofSeconds(20).toNanos();
  private static final long MB = 1024 * 1024;

  private record Checkpoint(double seconds, long pending, long liveBytes) {}

  private record Timings(double prefillSeconds, double firstDeliverySeconds, double seconds) {}

  @Override
  public String name() {
    return "backlog";
  }

  @Override
  public Findings run(Bench bench) throws Exception {
    int size = bench.backlogSize();
    Duration cap = bench.backlogCap();
    double rawPost = bench.rawPostPerSecond();
    Receiver receiver = bench.receiver();
    Path folder = bench.folder("backlog");
    long prefillStart = System.nanoTime();
    try (RawOutbox raw = RawOutbox.create(folder.resolve("herald.db"))) {
      BenchEvents events = new BenchEvents();
      for (int done = 0; done < size; done += PREFILL_CHUNK) {
        raw.insert(
            events.next(Math.min(PREFILL_CHUNK, size - done), BenchEvents.PAYLOAD_1KB),
            PREFILL_ROWS_PER_TRANSACTION);
      }
    }
    double prefillSeconds = (System.nanoTime() - prefillStart) / 1e9;

    List<Checkpoint> checkpoints = new ArrayList<>();
    double firstDeliverySeconds = Double.NaN;
    double seconds;
    long delivered;
    long duplicates;
    long peak;
    receiver.reset(false);
    try (HeapWatch watch = HeapWatch.start()) {
      long start = System.nanoTime();
      try (BenchServer server = BenchServer.startWithWebhook(folder, 8192, receiver.url())) {
        long deadline = start + cap.toNanos();
        long lastCheckpoint = start;
        int nextStep = 0;
        while (receiver.answered() < size && System.nanoTime() < deadline) {
          long now = System.nanoTime();
          long answered = receiver.answered();
          if (answered > 0 && Double.isNaN(firstDeliverySeconds)) {
            firstDeliverySeconds = (now - start) / 1e9;
          }
          boolean step = answered >= (long) size * nextStep / CHECKPOINTS && answered > 0;
          if (step || now - lastCheckpoint >= CHECKPOINT_EVERY_NANOS) {
            checkpoints.add(new Checkpoint((now - start) / 1e9, size - answered, live()));
            lastCheckpoint = System.nanoTime();
            while ((long) size * nextStep / CHECKPOINTS <= answered) {
              nextStep++;
            }
          }
          LockSupport.parkNanos(20_000_000);
        }
        boolean drained = receiver.answered() >= size;
        if (drained) {
          server.awaitSucceeded(size, Duration.ofMinutes(2));
        }
        delivered = drained ? size : server.succeeded();
        duplicates = drained ? receiver.answered() - size : 0;
        seconds = (System.nanoTime() - start) / 1e9;
        checkpoints.add(new Checkpoint(seconds, size - receiver.answered(), live()));
      }
      peak = watch.peak();
    } finally {
      Bench.deleteTree(folder);
    }
    return findings(
        size,
        cap,
        rawPost,
        new Timings(prefillSeconds, firstDeliverySeconds, seconds),
        delivered,
        duplicates,
        peak,
        checkpoints);
  }

  private static long live() {
    return HeapWatch.liveAfterGc();
  }

  private static Findings findings(
      int size,
      Duration cap,
      double rawPost,
      Timings timings,
      long delivered,
      long duplicates,
      long peak,
      List<Checkpoint> checkpoints) {
    boolean drained = delivered >= size;
    double seconds = timings.seconds();
    Checkpoint most = checkpoints.getFirst();
    Checkpoint least = checkpoints.getLast();
    List<Result> results = new ArrayList<>();
    results.add(
        Result.ratio(
            "backlog_drain",
            drained
                ? "Backlog drain: %,d pending 1 KB events → one endpoint (start to last logged success)"
                    .formatted(size)
                : "Backlog drain: %,d pending 1 KB events → one endpoint, stopped after %d s with %,d delivered"
                    .formatted(size, cap.toSeconds(), delivered),
            delivered / seconds,
            "deliveries/s",
            rawPost,
            "the raw POST loop of this run",
            Target.atLeast(0.35)));
    results.add(
        Result.ratio(
            "backlog_live_heap",
            "Backlog: live heap after full GC with %,d pending (vs %,d pending)"
                .formatted(most.pending(), least.pending()),
            (double) most.liveBytes() / MB,
            "MB",
            (double) least.liveBytes() / MB,
            "the same, %,d pending".formatted(least.pending()),
            Target.NONE));
    results.add(
        Result.plain(
            "backlog_peak_heap",
            "Backlog: peak used heap during the drain, garbage included",
            (double) peak / MB,
            "MB",
            "of -Xmx %d MB".formatted(HeapWatch.max() / MB)));
    List<String> notes = new ArrayList<>();
    notes.add(
        "backlog: pre-fill of %,d events took %.1f s; first delivery %.1f s after start; %s after %.1f s; duplicate deliveries %d"
            .formatted(
                size,
                timings.prefillSeconds(),
                timings.firstDeliverySeconds(),
                drained ? "drained" : "stopped at the cap with " + (size - delivered) + " pending",
                seconds,
                duplicates));
    StringBuilder series = new StringBuilder("backlog: live heap after full GC (s: pending → MB):");
    for (Checkpoint checkpoint : checkpoints) {
      series.append(
          String.format(
              " %.0f s: %,d → %.0f MB;",
              checkpoint.seconds(), checkpoint.pending(), (double) checkpoint.liveBytes() / MB));
    }
    notes.add(series.toString());
    return new Findings(results, notes);
  }
}
