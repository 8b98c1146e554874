package dev.herald.core.outbox;

import static java.util.Objects.requireNonNull;

import dev.herald.core.logging.LogKeys;
import dev.herald.core.logging.ThrottledWarnings;
import dev.herald.core.store.Database;
import dev.herald.core.worker.BatchWorker;
import dev.herald.proto.event.v1.EventEnvelope;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bus's durable subscriber: takes events off a bounded queue on its own thread, validates them
 * there (off the publisher's thread) and stores the valid ones in group-commit batches, completing
 * each event's future once its batch committed, or failing it with the validation error.
 */
public final class OutboxWriter implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(OutboxWriter.class);

  private record Pending(EventEnvelope event, CompletableFuture<Void> durable) {}

  private final Database database;
  private final OutboxStore store;
  private final Consumer<EventEnvelope> validator;
  private final Clock clock;
  private final ThrottledWarnings refusals;
  private final Consumer<List<EventEnvelope>> committed;
  private final BatchWorker<Pending> worker;
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();

  /**
   * Creates a writer; call {@link #start()} to begin writing.
   *
   * @param validator throws on a malformed envelope, naming the field
   * @param capacity how many events may wait to be written before {@link #offer} refuses more
   * @param batchSize the most events written in one transaction
   * @param committed called on the writer's thread with the events of each commit, e.g. to hand
   *     them to in-process subscribers and wake the router
   */
  public OutboxWriter(
      Database database,
      OutboxStore store,
      Consumer<EventEnvelope> validator,
      Clock clock,
      int capacity,
      int batchSize,
      Consumer<List<EventEnvelope>> committed) {
    this.database = requireNonNull(database, "database");
    this.store = requireNonNull(store, "store");
    this.validator = requireNonNull(validator, "validator");
    this.clock = requireNonNull(clock, "clock");
    this.refusals = new ThrottledWarnings(Duration.ofMinutes(1), clock);
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

  /** Returns how many events were refused as malformed. */
  public long refused() {
    return refused.get();
  }

  /** Returns how many events are waiting to be written. */
  public int backlog() {
    return worker.backlog();
  }

  /** Logs a refused event, at most once a minute per realm, with how many were not logged. */
  private void refusedWarning(EventEnvelope event, RuntimeException refusal) {
    refusals
        .admit(event.getRealmId())
        .ifPresent(
            heldBack ->
                log.atWarn()
                    .addKeyValue(LogKeys.EVENT_ID, event.getEventId())
                    .addKeyValue(LogKeys.REALM, event.getRealmId())
                    .addKeyValue(LogKeys.CORRELATION_ID, event.getCorrelationId())
                    .addKeyValue(LogKeys.HELD_BACK, heldBack)
                    .log(
                        "Refused event {}: {}{}",
                        event.getEventId(),
                        refusal.getMessage(),
                        heldBack == 0
                            ? ""
                            : " ("
                                + heldBack
                                + " earlier refusals in this realm were not logged)"));
  }

  private void writeBatch(List<Pending> batch) {
    // Validated before the write lock is taken: the router and the recorder write meanwhile.
    List<Pending> valid = new ArrayList<>(batch.size());
    for (Pending pending : batch) {
      try {
        validator.accept(pending.event());
        valid.add(pending);
      } catch (RuntimeException e) {
        refused.incrementAndGet();
        refusedWarning(pending.event(), e);
        pending.durable().completeExceptionally(e);
      }
    }
    if (valid.isEmpty()) {
      return;
    }
    List<EventEnvelope> events = new ArrayList<>(valid.size());
    for (Pending pending : valid) {
      events.add(pending.event());
    }
    try {
      database.write(
          tx -> {
            store.append(tx, events, clock.instant());
            return null;
          });
    } catch (RuntimeException e) {
      log.error("Storing {} events failed; their publishers are told", valid.size(), e);
      valid.forEach(pending -> pending.durable().completeExceptionally(e));
      return;
    }
    written.addAndGet(valid.size());
    // Subscribers first: once a publisher sees its future complete, its event is on their queues.
    try {
      committed.accept(events);
    } finally {
      valid.forEach(pending -> pending.durable().complete(null));
    }
  }

  /** Refuses new events, writes every queued one, and stops. */
  @Override
  public void close() {
    worker.close();
  }
}
