package dev.herald.bench;

import dev.herald.core.bus.EventBus;
import dev.herald.proto.event.v1.EventEnvelope;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * Publish → delivered latency at a fixed offered rate: each event's publish time is noted under its
 * id (the webhook-id), the receiver notes when that id arrives. The baseline sends raw POSTs at the
 * same rate and measures send → arrival the same way.
 */
final class DeliveryLatency implements Scenario {

  private static final int PER_SECOND = 500;
  private static final int WARMUP_SECONDS = 2;
  private static final int SECONDS = 10;
  private static final int TOTAL = PER_SECOND * (WARMUP_SECONDS + SECONDS);

  /** When each message was sent, made durable (Herald only) and received, by id. */
  private record Times(
      String[] ids, Map<String, Long> sent, Map<String, Long> durable, Map<String, Long> arrived) {}

  @Override
  public String name() {
    return "latency";
  }

  @Override
  public Findings run(Bench bench) throws Exception {
    // Cold, Herald falls behind 500/s and the measured window shows its catching up, not its path.
    WebhookDelivery.warmUp(bench);
    long[] raw = between(raw(bench), Times::arrived);
    Times heraldTimes = herald(bench);
    long[] herald = between(heraldTimes, Times::arrived);
    long[] durable = between(heraldTimes, Times::durable);
    String title = "Publish → delivered latency at " + PER_SECOND + " events/s, ";
    String baseline = "raw POST at the same rate, send → arrival";
    List<Result> results =
        List.of(
            Result.ratio(
                "latency_p50",
                title + "p50",
                millis(herald, 50),
                "ms",
                millis(raw, 50),
                baseline,
                Target.NONE),
            Result.ratio(
                "latency_p99",
                title + "p99",
                millis(herald, 99),
                "ms",
                millis(raw, 99),
                baseline,
                Target.NONE));
    List<String> notes =
        List.of(
            "latency: %d events/s for %d s after %d s of warm-up, %d samples each; max Herald %.1f ms, raw %.1f ms"
                .formatted(
                    PER_SECOND,
                    SECONDS,
                    WARMUP_SECONDS,
                    herald.length,
                    millis(herald, 100),
                    millis(raw, 100)),
            "latency: of Herald's, publish → durable (outbox commit completes the future) p50 %.2f ms, p99 %.2f ms"
                .formatted(millis(durable, 50), millis(durable, 99)));
    return new Findings(results, notes);
  }

  private static Times herald(Bench bench) throws Exception {
    Receiver receiver = bench.receiver();
    BenchEvents events = new BenchEvents();
    Times times =
        new Times(new String[TOTAL], new ConcurrentHashMap<>(), new ConcurrentHashMap<>(), null);
    Path folder = bench.folder("latency");
    receiver.reset(true);
    try (BenchServer server = BenchServer.startWithWebhook(folder, 8192, receiver.url())) {
      EventBus bus = server.bus();
      paced(
          i -> {
            EventEnvelope event = events.next(BenchEvents.PAYLOAD_1KB);
            String id = event.getEventId();
            times.ids()[i] = id;
            times.sent().put(id, System.nanoTime());
            bus.publish(event).thenRun(() -> times.durable().put(id, System.nanoTime()));
          });
      receiver.awaitAnswered(TOTAL, Duration.ofMinutes(1));
    } finally {
      Bench.deleteTree(folder);
    }
    return new Times(times.ids(), times.sent(), times.durable(), receiver.arrivals());
  }

  private static Times raw(Bench bench) throws Exception {
    Receiver receiver = bench.receiver();
    Times times = new Times(new String[TOTAL], new ConcurrentHashMap<>(), Map.of(), null);
    receiver.reset(true);
    try (RawPostLoop loop = new RawPostLoop(receiver.origin(), BenchEvents.webhookBody1kb())) {
      paced(
          i -> {
            String id = "raw-" + i;
            times.ids()[i] = id;
            times.sent().put(id, System.nanoTime());
            loop.send(id);
          });
      receiver.awaitAnswered(TOTAL, Duration.ofMinutes(1));
    }
    return new Times(times.ids(), times.sent(), Map.of(), receiver.arrivals());
  }

  /** Calls {@code send} {@link #TOTAL} times at {@link #PER_SECOND}, on schedule, never bunched. */
  private static void paced(IntConsumer send) {
    long period = 1_000_000_000L / PER_SECOND;
    long start = System.nanoTime();
    for (int i = 0; i < TOTAL; i++) {
      long due = start + i * period;
      long wait;
      while ((wait = due - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
      send.accept(i);
    }
  }

  /** Returns, sorted, the nanoseconds from sent to {@code end} of every message after warm-up. */
  private static long[] between(Times times, Function<Times, Map<String, Long>> end) {
    Map<String, Long> ended = end.apply(times);
    int skip = PER_SECOND * WARMUP_SECONDS;
    long[] nanos = new long[TOTAL - skip];
    for (int i = skip; i < TOTAL; i++) {
      Long at = ended.get(times.ids()[i]);
      if (at == null) {
        throw new IllegalStateException("latency: " + times.ids()[i] + " never got there");
      }
      nanos[i - skip] = at - times.sent().get(times.ids()[i]);
    }
    Arrays.sort(nanos);
    return nanos;
  }

  private static double millis(long[] sorted, double percentile) {
    return Samples.percentile(sorted, percentile) / 1e6;
  }
}
