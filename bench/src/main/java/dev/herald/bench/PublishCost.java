package dev.herald.bench;

import dev.herald.core.bus.EventBus;
import dev.herald.proto.event.v1.EventEnvelope;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Publish cost on the caller's thread: {@code publish()} on Herald's bus against a bare bounded
 * queue offer. Both are timed over bursts smaller than their queue, so neither ever refuses, and
 * both wait (untimed) for their consumer to catch up between bursts.
 */
final class PublishCost implements Scenario {

  private static final int QUEUE_CAPACITY = 8192;
  private static final int BURST = 4_000;
  private static final int BURSTS = 15;
  private static final int WARMUP_TRIALS = 3;
  private static final int TRIALS = 7;

  private long bareOffered;

  @Override
  public String name() {
    return "publish";
  }

  @Override
  public Findings run(Bench bench) throws Exception {
    List<Result> results = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    BenchEvents events = new BenchEvents();
    try (BenchServer herald = BenchServer.start(bench.folder("publish"), QUEUE_CAPACITY, "");
        BareQueue<EventEnvelope> bare = new BareQueue<>(QUEUE_CAPACITY)) {
      for (boolean big : new boolean[] {true, false}) {
        String payload = big ? BenchEvents.PAYLOAD_1KB : BenchEvents.PAYLOAD_SMALL;
        double[] heraldNs = new double[TRIALS];
        double[] bareNs = new double[TRIALS];
        for (int trial = -WARMUP_TRIALS; trial < TRIALS; trial++) {
          double bareTrial = bareTrial(bare, events, payload);
          double heraldTrial = heraldTrial(herald.bus(), events, payload);
          if (trial >= 0) {
            bareNs[trial] = bareTrial;
            heraldNs[trial] = heraldTrial;
          }
        }
        String size = big ? "1 KB" : payload.length() + " B";
        results.add(
            Result.ratio(
                big ? "publish_1kb" : "publish_small",
                "publish() on the caller's thread, " + size + " JSON payload",
                Samples.median(heraldNs),
                "ns/op",
                Samples.median(bareNs),
                "ArrayBlockingQueue.offer, drained by a consumer thread",
                Target.atMost(2)));
        notes.add(
            "publish "
                + size
                + ": trials (ns/op) Herald "
                + Samples.list(heraldNs, "%.0f")
                + "; bare offer "
                + Samples.list(bareNs, "%.0f"));
      }
    }
    notes.add(
        "publish: %d trials after %d warm-up, each the median of %d bursts of %d calls, each burst timed as a whole; queues of %d"
            .formatted(TRIALS, WARMUP_TRIALS, BURSTS, BURST, QUEUE_CAPACITY));
    return new Findings(results, notes);
  }

  /** Returns the median burst's ns per publish: one descheduled burst must not decide a trial. */
  private static double heraldTrial(EventBus bus, BenchEvents events, String payload) {
    double[] perBurst = new double[BURSTS];
    CompletableFuture<?>[] durable = new CompletableFuture<?>[BURST];
    for (int b = 0; b < BURSTS; b++) {
      EventEnvelope[] burst = events.next(BURST, payload).toArray(EventEnvelope[]::new);
      long start = System.nanoTime();
      for (int i = 0; i < BURST; i++) {
        durable[i] = bus.publish(burst[i]);
      }
      perBurst[b] = (double) (System.nanoTime() - start) / BURST;
      CompletableFuture.allOf(durable).join(); // fails loudly if any publish was refused
    }
    return Samples.median(perBurst);
  }

  /** Returns the median burst's ns per offer, as {@link #heraldTrial} does. */
  private double bareTrial(BareQueue<EventEnvelope> bare, BenchEvents events, String payload) {
    double[] perBurst = new double[BURSTS];
    int refused = 0;
    for (int b = 0; b < BURSTS; b++) {
      EventEnvelope[] burst = events.next(BURST, payload).toArray(EventEnvelope[]::new);
      int accepted = 0;
      long start = System.nanoTime();
      for (int i = 0; i < BURST; i++) {
        if (bare.offer(burst[i])) {
          accepted++;
        }
      }
      perBurst[b] = (double) (System.nanoTime() - start) / BURST;
      refused += BURST - accepted;
      bareOffered += accepted;
      bare.awaitConsumed(bareOffered);
    }
    if (refused > 0) {
      throw new IllegalStateException("bare queue refused " + refused + " offers");
    }
    return Samples.median(perBurst);
  }
}
