package dev.herald.bench;

import dev.herald.core.bus.EventBus;
import dev.herald.proto.event.v1.EventEnvelope;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Webhook delivery end to end: N events published through the bus until every delivery is signed,
 * answered 200 and recorded as succeeded with its attempt log, against a raw keep-alive POST loop
 * with the same body size and concurrency (the endpoint's max_in_flight) to the same receiver.
 */
final class WebhookDelivery implements Scenario {

  private static final int EVENTS = 20_000;
  // Both sides need the JIT warm: rates climbed trial after trial with a single short warm-up.
  private static final int WARMUP_EVENTS = 20_000;
  private static final int WARMUP_ROUNDS = 2;
  private static final int RAW_REQUESTS = 60_000;
  private static final int TRIALS = 3;

  @Override
  public String name() {
    return "delivery";
  }

  @Override
  public Findings run(Bench bench) throws Exception {
    Receiver receiver = bench.receiver();
    double[] herald = new double[TRIALS];
    double[] raw = new double[2 * TRIALS]; // raw trials take a second: run two per Herald trial
    List<Long> duplicates = new ArrayList<>();
    try (RawPostLoop loop = new RawPostLoop(receiver.origin(), BenchEvents.webhookBody1kb())) {
      for (int round = 0; round < WARMUP_ROUNDS; round++) {
        rawRate(loop, receiver, RAW_REQUESTS);
        heraldRate(bench, WARMUP_EVENTS, duplicates);
      }
      for (int trial = 0; trial < TRIALS; trial++) {
        raw[2 * trial] = rawRate(loop, receiver, RAW_REQUESTS);
        raw[2 * trial + 1] = rawRate(loop, receiver, RAW_REQUESTS);
        herald[trial] = heraldRate(bench, EVENTS, duplicates);
      }
    }
    bench.rawPostPerSecond(Samples.median(raw));
    Result result =
        Result.ratio(
            "webhook_delivery",
            "Webhook delivery end to end (publish → signed POST → 200 → logged as succeeded), 1 KB",
            Samples.median(herald),
            "deliveries/s",
            Samples.median(raw),
            "Armeria WebClient keep-alive POST loop, same body size, "
                + BenchServer.ENDPOINT_MAX_IN_FLIGHT
                + " in flight",
            Target.atLeast(0.35));
    List<String> notes =
        List.of(
            "delivery: %d events per trial, %d trials (raw: 2 of %d requests per Herald trial) after %d warm-up rounds (Herald %d events, raw %d requests); one endpoint, max_in_flight %d; body %d bytes; protocol %s"
                .formatted(
                    EVENTS,
                    TRIALS,
                    RAW_REQUESTS,
                    WARMUP_ROUNDS,
                    WARMUP_EVENTS,
                    RAW_REQUESTS,
                    BenchServer.ENDPOINT_MAX_IN_FLIGHT,
                    BenchEvents.webhookBody1kb().length,
                    receiver.protocols()),
            "delivery: trials (per second) Herald "
                + Samples.list(herald, "%.0f")
                + "; raw "
                + Samples.list(raw, "%.0f")
                + "; duplicate deliveries seen by the receiver: "
                + duplicates);
    return new Findings(List.of(result), notes);
  }

  /**
   * Measures the raw POST loop alone (warm-up and three trials), for scenarios run without this.
   */
  static double measureRawPostLoop(Bench bench) throws InterruptedException {
    double[] raw = new double[TRIALS];
    try (RawPostLoop loop =
        new RawPostLoop(bench.receiver().origin(), BenchEvents.webhookBody1kb())) {
      rawRate(loop, bench.receiver(), RAW_REQUESTS);
      for (int trial = 0; trial < TRIALS; trial++) {
        raw[trial] = rawRate(loop, bench.receiver(), RAW_REQUESTS);
      }
    }
    return Samples.median(raw);
  }

  /** Runs Herald's delivery path and the raw loop once at warm-up size, for JIT-cold scenarios. */
  static void warmUp(Bench bench) throws Exception {
    try (RawPostLoop loop =
        new RawPostLoop(bench.receiver().origin(), BenchEvents.webhookBody1kb())) {
      rawRate(loop, bench.receiver(), RAW_REQUESTS);
    }
    heraldRate(bench, WARMUP_EVENTS, new ArrayList<>());
  }

  /** Runs the raw POST loop once for {@code count} requests; returns requests per second. */
  static double rawRate(RawPostLoop loop, Receiver receiver, int count)
      throws InterruptedException {
    receiver.reset(false);
    long nanos = loop.run(count, BenchServer.ENDPOINT_MAX_IN_FLIGHT);
    if (receiver.answered() != count) {
      throw new IllegalStateException(
          "raw POST loop: receiver answered " + receiver.answered() + " of " + count);
    }
    return count * 1e9 / nanos;
  }

  /** Delivers {@code count} events through Herald on a fresh SQLite file; returns deliveries/s. */
  static double heraldRate(Bench bench, int count, List<Long> duplicates) throws Exception {
    Receiver receiver = bench.receiver();
    List<EventEnvelope> events = new BenchEvents().next(count, BenchEvents.PAYLOAD_1KB);
    Path folder = bench.folder("delivery");
    receiver.reset(false);
    try (BenchServer server = BenchServer.startWithWebhook(folder, count, receiver.url())) {
      EventBus bus = server.bus();
      long start = System.nanoTime();
      for (EventEnvelope event : events) {
        bus.publish(event);
      }
      receiver.awaitAnswered(count, Duration.ofMinutes(3));
      server.awaitSucceeded(count, Duration.ofMinutes(1));
      double perSecond = count * 1e9 / (System.nanoTime() - start);
      duplicates.add(receiver.answered() - count);
      return perSecond;
    } finally {
      Bench.deleteTree(folder);
    }
  }
}
