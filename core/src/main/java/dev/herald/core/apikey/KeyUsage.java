package dev.herald.core.apikey;

import static java.util.Objects.requireNonNull;

import dev.herald.core.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the calls each API key authenticates, off the request path: a call only adds to a tally in
 * memory, and a background writer adds the tallies to {@code api_keys} every {@link #INTERVAL}, all
 * keys in one write transaction (on SQLite that transaction shares the one write lock with the
 * router, so one per second, not one per call). A key's {@code usage_count} and {@code
 * last_used_at} therefore lag by up to a flush interval, and a node that crashes loses at most its
 * last interval's counts; a node that stops flushes first.
 */
public final class KeyUsage implements AutoCloseable {

  /** How often tallies are written. */
  public static final Duration INTERVAL = Duration.ofSeconds(1);

  private static final Logger log = LoggerFactory.getLogger(KeyUsage.class);

  /** Calls counted since the last flush, and the time of the latest. */
  private record Tally(long calls, Instant last) {
    Tally plus(Tally other) {
      return new Tally(calls + other.calls, last.isAfter(other.last) ? last : other.last);
    }
  }

  private final Database database;
  private final ApiKeyStore store;
  private final Clock clock;
  private final ScheduledExecutorService scheduler;
  private final ConcurrentHashMap<Long, Tally> pending = new ConcurrentHashMap<>();

  /**
   * Creates the counter; {@link #start()} begins the background writer.
   *
   * @param scheduler runs the flushes; closed with the counter
   */
  public KeyUsage(
      Database database, ApiKeyStore store, Clock clock, ScheduledExecutorService scheduler) {
    this.database = requireNonNull(database, "database");
    this.store = requireNonNull(store, "store");
    this.clock = requireNonNull(clock, "clock");
    this.scheduler = requireNonNull(scheduler, "scheduler");
  }

  /** Flushes every {@link #INTERVAL} until closed. */
  public KeyUsage start() {
    long millis = INTERVAL.toMillis();
    scheduler.scheduleWithFixedDelay(this::flushQuietly, millis, millis, TimeUnit.MILLISECONDS);
    return this;
  }

  /** Counts one call authenticated by key {@code id}, now. */
  public void used(long id) {
    pending.merge(id, new Tally(1, clock.instant()), Tally::plus);
  }

  /** Writes the tallies counted so far; on failure they stay for the next flush. */
  public void flush() {
    Map<Long, Tally> taken = new HashMap<>();
    // Remove one key at a time: a call counted meanwhile starts a new tally, never lost.
    for (Long id : pending.keySet()) {
      Tally tally = pending.remove(id);
      if (tally != null) {
        taken.put(id, tally);
      }
    }
    if (taken.isEmpty()) {
      return;
    }
    try {
      database.write(
          tx -> {
            taken.forEach((id, tally) -> store.addUsage(tx, id, tally.calls(), tally.last()));
            return null;
          });
    } catch (RuntimeException e) {
      taken.forEach((id, tally) -> pending.merge(id, tally, Tally::plus));
      throw e;
    }
  }

  private void flushQuietly() {
    try {
      flush();
    } catch (RuntimeException e) {
      log.warn("Writing API key usage failed; trying again in {}", INTERVAL, e);
    }
  }

  /** Stops the writer and writes what is left. */
  @Override
  public void close() {
    scheduler.shutdown();
    try {
      scheduler.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    flushQuietly();
  }
}
