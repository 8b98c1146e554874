package dev.herald.core.outbox;

import static java.util.Objects.requireNonNull;

import dev.herald.core.store.Database;
import dev.herald.core.worker.BatchWorker;
import dev.herald.proto.event.v1.EventEnvelope;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bus's durable subscriber: takes events off a bounded queue on its own thread and stores them
 * in group-commit batches, completing each event's future once its batch committed.
 */
public final class OutboxWriter implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(OutboxWriter.class);

  private record Pending(EventEnvelope event, CompletableFuture<Void> durable) {}

  private final Database database;
  private final OutboxStore store;
  private final Clock clock;
  private final Runnable committed;
  private final BatchWorker<Pending> worker;
  private final AtomicLong written = new AtomicLong();

  /**
   * Creates a writer; call {@link #start()} to begin writing.
   *
   * @param capacity how many events may wait to be written before {@link #offer} refuses more
   * @param batchSize the most events written in one transaction
   * @param committed called after each commit, e.g. to wake the router
   */
  public OutboxWriter(
      Database database,
      OutboxStore store,
      Clock clock,
      int capacity,
      int batchSize,
      Runnable committed) {
    this.database = requireNonNull(database, "database");
    this.store = requireNonNull(store, "store");
    this.clock = requireNonNull(clock, "clock");
    this.committed = requireNonNull(committed, "committed");
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity: " + capacity + " (expected: >= 1)");
    }
    this.worker =
        new BatchWorker<>(
            "herald-outbox-writer",
            new ArrayBlockingQueue<>(capacity),
            batchSize,
            this::writeBatch);
  }

  /** Starts the writing thread. */
  public void start() {
    worker.start();
  }

  /**
   * Queues an event for storage; {@code durable} completes when it is committed.
   *
   * @return false, leaving {@code durable} untouched, when the queue is full or the writer closed
   */
  public boolean offer(EventEnvelope event, CompletableFuture<Void> durable) {
    return worker.offer(new Pending(event, durable));
  }

  /** Returns how many events this writer has committed. */
  public long written() {
    return written.get();
  }

  /** Returns how many events are waiting to be written. */
  public int backlog() {
    return worker.backlog();
  }

  private void writeBatch(List<Pending> batch) {
    List<EventEnvelope> events = new ArrayList<>(batch.size());
    for (Pending pending : batch) {
      events.add(pending.event());
    }
    try {
      database.write(tx -> store.append(tx, events, clock.instant()));
    } catch (RuntimeException e) {
      log.error("Storing {} events failed; their publishers are told", batch.size(), e);
      batch.forEach(pending -> pending.durable().completeExceptionally(e));
      return;
    }
    written.addAndGet(batch.size());
    batch.forEach(pending -> pending.durable().complete(null));
    committed.run();
  }

  /** Refuses new events, writes every queued one, and stops. */
  @Override
  public void close() {
    worker.close();
  }
}
