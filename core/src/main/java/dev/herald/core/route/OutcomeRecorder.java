package dev.herald.core.route;

import static java.util.Objects.requireNonNull;

import dev.herald.core.dispatch.DeliveryOutcome;
import dev.herald.core.store.Database;
import dev.herald.core.worker.BatchWorker;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes finished attempts (log rows and state changes) in batches on its own thread, so neither
 * dispatch callbacks nor the router loop wait on the database.
 */
final class OutcomeRecorder implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(OutcomeRecorder.class);

  private final Database database;
  private final DeliveryStore store;
  private final TargetDirectory directory;
  private final FailureStreaks streaks;
  private final String owner;
  private final Consumer<List<AttemptRecord>> handled;
  private final AttemptMeters meters;
  private final BatchWorker<AttemptRecord> worker;

  OutcomeRecorder(
      Database database,
      DeliveryStore store,
      TargetDirectory directory,
      FailureStreaks streaks,
      String owner,
      int batchSize,
      AttemptMeters meters,
      Consumer<List<AttemptRecord>> handled) {
    this.database = requireNonNull(database, "database");
    this.store = requireNonNull(store, "store");
    this.directory = requireNonNull(directory, "directory");
    this.streaks = requireNonNull(streaks, "streaks");
    this.owner = requireNonNull(owner, "owner");
    this.handled = requireNonNull(handled, "handled");
    this.meters = requireNonNull(meters, "meters");
    // Unbounded on purpose: the router's in-flight limit bounds how many outcomes can wait.
    this.worker =
        new BatchWorker<>(
            "herald-outcome-recorder", new LinkedBlockingQueue<>(), batchSize, this::write);
  }

  void start() {
    worker.start();
  }

  void add(AttemptRecord attempt) {
    if (!worker.offer(attempt)) {
      // Only after close(): the delivery stays leased and is attempted again after the lease.
      log.warn(
          "Outcome of delivery {} arrived after shutdown; it will be retried",
          attempt.delivery().id());
    }
  }

  /** Writes a batch, then hands it to {@code handled}, written or not. */
  private void write(List<AttemptRecord> batch) {
    try {
      List<FailureStreaks.Disabled> disabled =
          database.write(
              tx -> {
                store.record(tx, owner, batch);
                return streaks.record(tx, batch);
              });
      for (FailureStreaks.Disabled target : disabled) {
        log.warn("Disabling {}: {}", target.target(), target.reason());
        directory.targetDisabled(target.target(), target.reason());
      }
      meters.recorded(batch);
      for (AttemptRecord attempt : batch) {
        if (attempt.result().outcome() instanceof DeliveryOutcome.Gone gone) {
          directory.targetGone(attempt.delivery().target(), gone.reason());
        }
      }
    } catch (RuntimeException e) {
      // The deliveries stay in_flight under this worker's lease and are attempted again when
      // the lease runs out: at-least-once, nothing lost.
      log.error("Recording {} attempt outcomes failed", batch.size(), e);
    } finally {
      handled.accept(List.copyOf(batch));
    }
  }

  /** Writes every queued outcome, then stops. */
  @Override
  public void close() {
    worker.close();
  }
}
