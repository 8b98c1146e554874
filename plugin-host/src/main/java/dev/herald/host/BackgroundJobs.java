package dev.herald.host;

import static java.util.Objects.requireNonNull;

import dev.herald.core.Stores;
import dev.herald.core.admin.BacklogSampler;
import dev.herald.core.admin.DeliveryQueries;
import dev.herald.core.apikey.ApiKeyStore;
import dev.herald.core.apikey.KeyUsage;
import dev.herald.core.retention.PurgeSteps;
import dev.herald.core.retention.Retention;
import dev.herald.core.store.Database;
import dev.herald.host.config.HeraldConfig;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The timed jobs beside delivery, each on a daemon thread of its own: retention's purges, the
 * per-minute backlog samples, writing API keys' usage, and, when other nodes share the database,
 * re-reading what they changed.
 */
final class BackgroundJobs implements AutoCloseable {

  private final Retention retention;
  private final BacklogSampler backlogSampler;
  private final KeyUsage keyUsage;
  private final SharedStateRefresh sharedState;

  BackgroundJobs(
      HeraldConfig config,
      Database database,
      Stores stores,
      ApiKeyStore keys,
      SharedStateRefresh sharedState,
      Clock clock) {
    this.retention =
        new Retention(
            database,
            PurgeSteps.of(stores, config.retention().policy()),
            config.retention().settings(),
            clock);
    this.backlogSampler =
        new BacklogSampler(
            database, new DeliveryQueries(database), clock, timer("herald-backlog-samples"));
    this.keyUsage = new KeyUsage(database, keys, clock, timer("herald-key-usage"));
    this.sharedState = requireNonNull(sharedState, "sharedState");
  }

  private static ScheduledExecutorService timer(String name) {
    return Executors.newSingleThreadScheduledExecutor(
        task -> Thread.ofPlatform().daemon().name(name).unstarted(task));
  }

  /** Returns what counts API keys' calls, flushed by these jobs. */
  KeyUsage keyUsage() {
    return keyUsage;
  }

  /**
   * Starts every job; the shared-state refresh only when {@code shared}: other nodes' pauses and
   * changes then reach this node within {@code config.delivery().pollInterval()}.
   */
  void start(HeraldConfig config, boolean shared) {
    retention.start();
    backlogSampler.start();
    keyUsage.start();
    if (shared) {
      sharedState.start(config.delivery().pollInterval());
    }
  }

  /** Stops every job; the key usage first, with a last flush of the calls counted. */
  @Override
  public void close() {
    keyUsage.close();
    sharedState.close();
    retention.close();
    backlogSampler.close();
  }
}
