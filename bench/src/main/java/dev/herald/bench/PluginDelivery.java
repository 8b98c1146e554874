package dev.herald.bench;

import dev.herald.core.bus.EventBus;
import dev.herald.proto.event.v1.EventEnvelope;
import dev.herald.proto.plugin.v1.DeliverRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * Plugin delivery end to end: N events published through the bus until every one is delivered over
 * gRPC to a remote plugin, acknowledged and recorded as succeeded, against a raw grpc-java unary
 * loop calling the same plugin with the same request size and concurrency.
 */
final class PluginDelivery implements Scenario {

  private static final int EVENTS = 20_000;
  private static final int WARMUP_ROUNDS = 2;
  private static final int RAW_CALLS = 60_000;
  private static final int TRIALS = 3;

  @Override
  public String name() {
    return "plugin";
  }

  @Override
  public Findings run(Bench bench) throws Exception {
    double[] herald = new double[TRIALS];
    double[] raw = new double[2 * TRIALS];
    double[] floor = new double[TRIALS];
    List<Long> extra = new ArrayList<>();
    DeliverRequest request =
        DeliverRequest.newBuilder()
            .setDeliveryId("1")
            .setAttempt(1)
            .setEnvelope(new BenchEvents().next(BenchEvents.PAYLOAD_1KB))
            .build();
    try (BenchPlugin plugin = BenchPlugin.start();
        RawGrpcLoop loop = new RawGrpcLoop(plugin.address(), request)) {
      for (int round = 0; round < WARMUP_ROUNDS; round++) {
        rawRate(loop, plugin, RAW_CALLS);
        heraldRate(bench, plugin, EVENTS, extra);
      }
      extra.clear();
      for (int trial = 0; trial < TRIALS; trial++) {
        raw[2 * trial] = rawRate(loop, plugin, RAW_CALLS);
        raw[2 * trial + 1] = rawRate(loop, plugin, RAW_CALLS);
        herald[trial] = heraldRate(bench, plugin, EVENTS, extra);
        floor[trial] = floorRate(bench);
      }
    }
    Result storage =
        Result.ratio(
            "plugin_delivery_vs_storage_floor",
            "Plugin delivery end to end, against the storage floor of a delivery",
            Samples.median(herald),
            "deliveries/s",
            Samples.median(floor),
            "sqlite-jdbc alone writing each delivery's rows: outbox, delivery, claim, attempt log,"
                + " outcome; 100 events/txn",
            Target.NONE);
    Result result =
        Result.ratio(
            "plugin_delivery",
            "Plugin delivery end to end (publish → gRPC Deliver → ACK → logged as succeeded), 1 KB",
            Samples.median(herald),
            "deliveries/s",
            Samples.median(raw),
            "grpc-java async unary loop to the same plugin, same request size, "
                + BenchServer.ENDPOINT_MAX_IN_FLIGHT
                + " in flight",
            Target.atLeast(0.5));
    List<String> notes =
        List.of(
            "plugin: %d events per trial, %d trials (raw: 2 of %d calls per Herald trial) after %d warm-up rounds; one remote plugin (grpc-java, direct executor, answers ACK), max_in_flight %d; request %d bytes"
                .formatted(
                    EVENTS,
                    TRIALS,
                    RAW_CALLS,
                    WARMUP_ROUNDS,
                    BenchServer.ENDPOINT_MAX_IN_FLIGHT,
                    request.getSerializedSize()),
            "plugin: trials (per second) Herald "
                + Samples.list(herald, "%.0f")
                + "; raw "
                + Samples.list(raw, "%.0f")
                + "; deliveries beyond one per event seen by the plugin: "
                + extra,
            "plugin: storage floor trials (deliveries/s) " + Samples.list(floor, "%.0f"));
    return new Findings(List.of(result, storage), notes);
  }

  private static double floorRate(Bench bench) throws Exception {
    List<EventEnvelope> events = new BenchEvents().next(EVENTS, BenchEvents.PAYLOAD_1KB);
    Path folder = bench.folder("floor");
    try (RawDeliveryRows rows = RawDeliveryRows.create(folder.resolve("floor.db"))) {
      long start = System.nanoTime();
      rows.write(events, 100);
      return EVENTS * 1e9 / (System.nanoTime() - start);
    } finally {
      Bench.deleteTree(folder);
    }
  }

  private static double rawRate(RawGrpcLoop loop, BenchPlugin plugin, int count)
      throws InterruptedException {
    plugin.reset();
    long nanos = loop.run(count, BenchServer.ENDPOINT_MAX_IN_FLIGHT);
    if (plugin.delivered() != count) {
      throw new IllegalStateException(
          "raw gRPC loop: plugin answered " + plugin.delivered() + " of " + count);
    }
    return count * 1e9 / nanos;
  }

  private static double heraldRate(Bench bench, BenchPlugin plugin, int count, List<Long> extra)
      throws Exception {
    List<EventEnvelope> events = new BenchEvents().next(count, BenchEvents.PAYLOAD_1KB);
    Path folder = bench.folder("plugin");
    try (BenchServer server =
        BenchServer.start(folder, count, BenchServer.plugin(folder, plugin.address()))) {
      server.awaitPluginServing(Duration.ofSeconds(30));
      plugin.reset();
      EventBus bus = server.bus();
      long start = System.nanoTime();
      for (EventEnvelope event : events) {
        bus.publish(event);
      }
      awaitDelivered(plugin, count, Duration.ofMinutes(3));
      server.awaitSucceeded(count, Duration.ofMinutes(1));
      double perSecond = count * 1e9 / (System.nanoTime() - start);
      extra.add(plugin.delivered() - count);
      return perSecond;
    } finally {
      Bench.deleteTree(folder);
    }
  }

  private static void awaitDelivered(BenchPlugin plugin, int count, Duration timeout)
      throws TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (plugin.delivered() < count) {
      if (System.nanoTime() > deadline) {
        throw new TimeoutException(
            "plugin: " + plugin.delivered() + " delivered after " + timeout + " of " + count);
      }
      LockSupport.parkNanos(1_000_000);
    }
  }
}
