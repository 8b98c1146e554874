package dev.herald.core.retention;

import static java.util.Objects.requireNonNull;

import dev.herald.core.store.Database;
import dev.herald.core.store.PurgedRows;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs retention on a thread of its own: every {@code interval}, a pass through each {@link
 * PurgeStep}, a batch per write transaction with a pause between batches, so the outbox writer and
 * the router are never held for more than one small batch; then the freed space is given back where
 * the database can (SQLite). Where several nodes share a database (PostgreSQL), a batch that finds
 * another node purging leaves the pass to it.
 */
public final class Retention implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Retention.class);
  private static final String LOCK = "herald-retention";

  private final Database database;
  private final List<PurgeStep> steps;
  private final RetentionSettings settings;
  private final Clock clock;
  private final FreePages freePages;
  private final CountDownLatch closed = new CountDownLatch(1);
  private final Thread thread;

  /** Creates the worker; call {@link #start()} to run passes, or {@link #runPass()} to run one. */
  public Retention(
      Database database, List<PurgeStep> steps, RetentionSettings settings, Clock clock) {
    this.database = requireNonNull(database, "database");
    this.steps = List.copyOf(steps);
    this.settings = requireNonNull(settings, "settings");
    this.clock = requireNonNull(clock, "clock");
    this.freePages = new FreePages(database, settings.vacuumPages());
    this.thread = Thread.ofPlatform().daemon().name("herald-retention").unstarted(this::run);
  }

  /** Starts passes, the first one interval from now. */
  public Retention start() {
    thread.start();
    return this;
  }

  /**
   * Runs one pass on the caller's thread: every step until it finds nothing older than its age,
   * then gives free pages back.
   *
   * @return rows deleted per step name, in step order
   */
  public Map<String, Integer> runPass() {
    Instant now = clock.instant();
    Map<String, Integer> deleted = new LinkedHashMap<>();
    for (PurgeStep step : steps) {
      deleted.put(step.name(), purge(step, now));
    }
    giveSpaceBack();
    return deleted;
  }

  private int purge(PurgeStep step, Instant now) {
    int total = 0;
    long afterId = 0;
    while (!isClosed()) {
      long from = afterId;
      PurgedRows batch =
          database.write(
              tx ->
                  database.dialect().tryLock(tx, LOCK)
                      ? step.purge(tx, now, from, settings.batchSize())
                      : new PurgedRows(0, from, true));
      total += batch.deleted();
      afterId = batch.lastId();
      if (batch.done() || pause()) {
        break;
      }
    }
    return total;
  }

  private void giveSpaceBack() {
    if (!freePages.reclaimable()) {
      return;
    }
    while (!isClosed() && freePages.reclaimBatch() > settings.vacuumPages() && !pause()) {
      // Each batch frees up to vacuumPages pages; the loop stops once the free list is drained.
    }
  }

  /** Waits between batches; returns true if closed meanwhile. */
  private boolean pause() {
    return await(settings.pause());
  }

  private boolean await(Duration wait) {
    try {
      return closed.await(wait.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  private boolean isClosed() {
    return closed.getCount() == 0;
  }

  private void run() {
    while (!await(settings.interval())) {
      try {
        Map<String, Integer> deleted = runPass();
        log.info("retention pass deleted {}", deleted);
      } catch (RuntimeException e) {
        // The next pass tries again: a batch that lost a race (a replay re-arming a delivery on
        // another node) is rolled back whole.
        log.warn("retention pass failed; retrying in {}", settings.interval(), e);
      }
    }
  }

  /** Stops passes; a batch under way finishes first. */
  @Override
  public void close() {
    closed.countDown();
    if (thread.getState() != Thread.State.NEW) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
