package dev.herald.core.route;

import static java.util.Objects.requireNonNull;

import dev.herald.core.dispatch.DeliveryOutcome;
import dev.herald.core.store.Database;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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
  private final String owner;
  private final int batchSize;
  private final Runnable recorded;
  // Unbounded on purpose: its size is bounded by the router's in-flight limit.
  private final LinkedBlockingQueue<AttemptRecord> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean closing;

  OutcomeRecorder(
      Database database,
      DeliveryStore store,
      TargetDirectory directory,
      String owner,
      int batchSize,
      Runnable recorded) {
    this.database = requireNonNull(database, "database");
    this.store = requireNonNull(store, "store");
    this.directory = requireNonNull(directory, "directory");
    this.owner = requireNonNull(owner, "owner");
    this.batchSize = batchSize;
    this.recorded = requireNonNull(recorded, "recorded");
    this.thread = Thread.ofPlatform().name("herald-outcome-recorder").unstarted(this::run);
  }

  void start() {
    thread.start();
  }

  void add(AttemptRecord attempt) {
    queue.add(attempt);
  }

  private void run() {
    List<AttemptRecord> batch = new ArrayList<>(batchSize);
    while (!closing || !queue.isEmpty()) {
      try {
        AttemptRecord first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, batchSize - 1);
        write(batch);
      } catch (InterruptedException e) {
        closing = true;
      } finally {
        batch.clear();
      }
    }
  }

  private void write(List<AttemptRecord> batch) {
    try {
      database.write(
          tx -> {
            store.record(tx, owner, batch);
            return null;
          });
    } catch (RuntimeException e) {
      // The deliveries stay in_flight under this worker's lease and are attempted again when
      // the lease runs out: at-least-once, nothing lost.
      log.error("Recording {} attempt outcomes failed", batch.size(), e);
      return;
    }
    for (AttemptRecord attempt : batch) {
      if (attempt.result().outcome() instanceof DeliveryOutcome.Gone gone) {
        directory.targetGone(attempt.delivery().target(), gone.reason());
      }
    }
    recorded.run();
  }

  /** Writes every queued outcome, then stops. */
  @Override
  public void close() {
    closing = true;
    thread.interrupt();
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
