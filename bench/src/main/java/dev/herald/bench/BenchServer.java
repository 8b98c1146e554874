package dev.herald.bench;

import static dev.herald.core.store.jooq.Tables.DELIVERIES;

import dev.herald.core.bus.EventBus;
import dev.herald.core.route.DeliveryStatus;
import dev.herald.core.secret.MasterKey;
import dev.herald.core.store.Database;
import dev.herald.core.store.PostgresSettings;
import dev.herald.host.HeraldServer;
import dev.herald.host.config.ConfigLoader;
import dev.herald.host.config.SecretResolver;
import dev.herald.host.plugin.PluginState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.jooq.DSLContext;

/**
 * Herald as an operator runs it: {@link HeraldServer} started from YAML, on a SQLite file in a
 * scratch folder or on a PostgreSQL database, with at most one target: a webhook endpoint or a
 * plugin.
 */
final class BenchServer implements AutoCloseable {

  /** The {@code secrets.key_ref} of nodes on PostgreSQL. */
  private static final String KEY_REF = "herald-bench-master-key";

  private static final String BENCH_MASTER_KEY =
      MasterKey.generate(new SecureRandom(), "bench").encoded();

  /**
   * The target's max_in_flight: the README's default for endpoints, and the raw loops' concurrency.
   */
  static final int ENDPOINT_MAX_IN_FLIGHT = 16;

  /** The endpoint's signing secret; the peers sign with it too. */
  static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

  private final HeraldServer server;

  private BenchServer(HeraldServer server) {
    this.server = server;
  }

  /**
   * Returns the config: defaults but the queue and the API on a free port, plus the YAML of the
   * target, if any.
   */
  /**
   * Returns a loader that finds {@link #KEY_REF} in its environment: nodes on one PostgreSQL
   * database share the master key of webhook secrets, which this JVM generates once.
   */
  private static ConfigLoader loader() {
    Map<String, String> environment = new HashMap<>(System.getenv());
    environment.put(SecretResolver.environmentName(KEY_REF), BENCH_MASTER_KEY);
    return new ConfigLoader(new SecretResolver(SecretResolver.DEFAULT_SECRETS_DIR, environment));
  }

  static String yaml(Path database, int queueCapacity, String targetYaml) {
    return yaml("{path: '%s'}".formatted(database.toAbsolutePath()), queueCapacity, targetYaml);
  }

  /** Returns the config of a node on the PostgreSQL database of {@code settings}. */
  static String yaml(PostgresSettings settings, int queueCapacity, String targetYaml) {
    return yaml(
        "{url: '%s', user: %s, pool_size: %d}"
            .formatted(settings.url(), settings.user(), settings.poolSize()),
        queueCapacity,
        "secrets: {key_ref: " + KEY_REF + "}\n" + targetYaml);
  }

  private static String yaml(String database, int queueCapacity, String targetYaml) {
    return """
        database: %s
        bus:
          queue_capacity: %d
        delivery:
          poll_interval: 1s
          batch_size: 100
          max_in_flight: 256
        api:
          port: 0
        %s
        """
        .formatted(database, queueCapacity, targetYaml);
  }

  /** Returns the YAML of one endpoint for every event at {@code url}, or none when null. */
  static String webhook(String url) {
    if (url == null) {
      return "";
    }
    // The bench receiver runs on 127.0.0.1, which Herald denies unless allow-listed.
    return """
        network:
          allow: [127.0.0.1]
        webhooks:
          - id: bench
            url: %s
            secret: %s
            event_types: ["*"]
            max_in_flight: %d
        """
        .formatted(url, SECRET, ENDPOINT_MAX_IN_FLIGHT);
  }

  /**
   * Writes the manifest of a remote plugin at {@code address} for every event into {@code folder}
   * and returns the YAML that points Herald at it.
   */
  static String plugin(Path folder, String address) throws IOException {
    Path plugins = Files.createDirectories(folder.resolve("plugins"));
    Files.writeString(
        plugins.resolve(BenchPlugin.ID + ".plugin.yaml"),
        """
        id: %s
        version: 1.0.0
        protocol_versions: [1]
        address: %s
        subscriptions:
          - event_types: ["*"]
        delivery:
          timeout: 10s
          max_in_flight: %d
        """
            .formatted(BenchPlugin.ID, address, ENDPOINT_MAX_IN_FLIGHT));
    return """
        plugins:
          directory: %s
          health_interval: 1s
        """
        .formatted(plugins.toAbsolutePath());
  }

  /** Starts Herald on {@code folder}/herald.db with the given target YAML ("" for none). */
  static BenchServer start(Path folder, int queueCapacity, String targetYaml) {
    String yaml = yaml(folder.resolve("herald.db"), queueCapacity, targetYaml);
    return new BenchServer(
        HeraldServer.start(ConfigLoader.ofSystem().parse(yaml, "bench"), Clock.systemUTC()));
  }

  /**
   * Starts a Herald node on the PostgreSQL database of {@code settings} with the given target YAML
   * ("" for none); nodes started on the same database share its outbox and deliveries.
   */
  static BenchServer start(PostgresSettings settings, int queueCapacity, String targetYaml) {
    String yaml = yaml(settings, queueCapacity, targetYaml);
    return new BenchServer(HeraldServer.start(loader().parse(yaml, "bench"), Clock.systemUTC()));
  }

  /** Starts Herald with one webhook endpoint at {@code webhookUrl}, or none when null. */
  static BenchServer startWithWebhook(Path folder, int queueCapacity, String webhookUrl) {
    return start(folder, queueCapacity, webhook(webhookUrl));
  }

  /** Waits until the plugin is SERVING, so a trial does not time its connection. */
  void awaitPluginServing(Duration timeout) throws TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (server
        .plugins()
        .find(BenchPlugin.ID)
        .map(e -> e.state() != PluginState.SERVING)
        .orElse(true)) {
      if (System.nanoTime() > deadline) {
        throw new TimeoutException(
            "herald: plugin " + BenchPlugin.ID + " not SERVING after " + timeout);
      }
      LockSupport.parkNanos(10_000_000);
    }
  }

  /** Returns the bus events are published on. */
  EventBus bus() {
    return server.engine().bus();
  }

  /** Returns this node's database, for work beside the server's own (e.g. a purge). */
  Database database() {
    return server.database();
  }

  /** Runs {@code work} on a read connection of this node's database. */
  <T> T read(Function<DSLContext, T> work) {
    return server.database().read(work);
  }

  /** Returns how many deliveries are recorded as succeeded. */
  int succeeded() {
    return succeeded(server.database());
  }

  /** Waits until {@code count} deliveries are recorded as succeeded. */
  void awaitSucceeded(int count, Duration timeout) throws TimeoutException {
    awaitSucceeded(server.database(), count, timeout);
  }

  /** Returns how many deliveries {@code database} records as succeeded. */
  static int succeeded(Database database) {
    return database.read(
        ctx ->
            ctx.fetchCount(DELIVERIES, DELIVERIES.STATUS.eq(DeliveryStatus.SUCCEEDED.dbValue())));
  }

  /** Waits until {@code database} records {@code count} deliveries as succeeded. */
  static void awaitSucceeded(Database database, int count, Duration timeout)
      throws TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    int succeeded;
    while ((succeeded = succeeded(database)) < count) {
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
