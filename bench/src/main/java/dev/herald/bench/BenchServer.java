package dev.herald.bench;

import static dev.herald.core.store.jooq.Tables.DELIVERIES;

import dev.herald.core.bus.EventBus;
import dev.herald.core.route.DeliveryStatus;
import dev.herald.host.HeraldServer;
import dev.herald.host.config.ConfigLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * Herald as an operator runs it: {@link HeraldServer} started from YAML, on a SQLite file in a
 * scratch folder, with at most one webhook endpoint.
 */
final class BenchServer implements AutoCloseable {

  /** The endpoint's max_in_flight: the README's default, and the raw POST loop's concurrency. */
  static final int ENDPOINT_MAX_IN_FLIGHT = 16;

  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

  private final HeraldServer server;

  private BenchServer(HeraldServer server) {
    this.server = server;
  }

  /**
   * Returns the config: defaults but the queue and the API on a free port, plus one endpoint for
   * every event when given.
   */
  static String yaml(Path database, int queueCapacity, String webhookUrl) {
    String yaml =
        """
        database:
          path: %s
        bus:
          queue_capacity: %d
        delivery:
          poll_interval: 1s
          batch_size: 100
          max_in_flight: 256
        api:
          port: 0
        """
            .formatted(database.toAbsolutePath(), queueCapacity);
    if (webhookUrl == null) {
      return yaml;
    }
    return yaml
        + """
        webhooks:
          - id: bench
            url: %s
            secret: %s
            event_types: ["*"]
            max_in_flight: %d
        """
            .formatted(webhookUrl, SECRET, ENDPOINT_MAX_IN_FLIGHT);
  }

  /** Starts Herald on {@code folder}/herald.db; {@code webhookUrl} may be null (no endpoint). */
  static BenchServer start(Path folder, int queueCapacity, String webhookUrl) {
    String yaml = yaml(folder.resolve("herald.db"), queueCapacity, webhookUrl);
    return new BenchServer(
        HeraldServer.start(ConfigLoader.ofSystem().parse(yaml, "bench"), Clock.systemUTC()));
  }

  /** Returns the bus events are published on. */
  EventBus bus() {
    return server.engine().bus();
  }

  /** Returns how many deliveries are recorded as succeeded. */
  int succeeded() {
    return server
        .database()
        .read(
            ctx ->
                ctx.fetchCount(
                    DELIVERIES, DELIVERIES.STATUS.eq(DeliveryStatus.SUCCEEDED.dbValue())));
  }

  /** Waits until {@code count} deliveries are recorded as succeeded. */
  void awaitSucceeded(int count, Duration timeout) throws TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    int succeeded;
    while ((succeeded = succeeded()) < count) {
      if (System.nanoTime() > deadline) {
        throw new TimeoutException(
            "herald: " + succeeded + " succeeded after " + timeout + " (expected: " + count + ")");
      }
      LockSupport.parkNanos(10_000_000);
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
