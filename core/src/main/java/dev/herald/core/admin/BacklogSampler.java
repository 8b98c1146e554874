package dev.herald.core.admin;

import static dev.herald.core.store.jooq.Tables.BACKLOG_SAMPLES;
import static java.util.Objects.requireNonNull;

import dev.herald.core.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jooq.Query;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples the backlog once a minute into {@code backlog_samples} (its one writer): one row per
 * realm with the deliveries waiting, and always one for the default realm, so every sampled minute
 * has a row. Nodes sharing a database insert-or-ignore on (minute, realm), so a minute is written
 * once; samples older than {@link #KEPT} are deleted as new ones come in.
 */
public final class BacklogSampler implements AutoCloseable {

  /** How often the backlog is sampled: every minute, on the minute. */
  public static final Duration INTERVAL = Duration.ofMinutes(1);

  /** How long samples are kept: a day's chart, and an hour to spare. */
  public static final Duration KEPT = Duration.ofHours(25);

  private static final Logger log = LoggerFactory.getLogger(BacklogSampler.class);
  private static final String DEFAULT_REALM = "";

  private final Database database;
  private final DeliveryQueries deliveries;
  private final Clock clock;
  private final ScheduledExecutorService scheduler;
  private ScheduledFuture<?> next;
  private boolean closed;

  /**
   * Creates the sampler; {@link #start()} samples now and then on every minute.
   *
   * @param scheduler runs the samples; closed with the sampler
   */
  public BacklogSampler(
      Database database,
      DeliveryQueries deliveries,
      Clock clock,
      ScheduledExecutorService scheduler) {
    this.database = requireNonNull(database, "database");
    this.deliveries = requireNonNull(deliveries, "deliveries");
    this.clock = requireNonNull(clock, "clock");
    this.scheduler = requireNonNull(scheduler, "scheduler");
  }

  /** Samples now, then at the start of every minute until closed. */
  public synchronized BacklogSampler start() {
    next = scheduler.schedule(this::sampleAndReschedule, 0, TimeUnit.MILLISECONDS);
    return this;
  }

  /**
   * Samples the backlog into the current minute, unless it has a sample already, and deletes the
   * samples past {@link #KEPT}; returns the minute.
   */
  public Instant sample() {
    Instant now = clock.instant();
    long minute = Math.floorDiv(now.toEpochMilli(), INTERVAL.toMillis()) * INTERVAL.toMillis();
    Map<String, Long> waiting = new HashMap<>(deliveries.waitingByRealm());
    waiting.putIfAbsent(DEFAULT_REALM, 0L);
    database.write(
        tx -> {
          tx.batch(
                  waiting.entrySet().stream()
                      .map(
                          e ->
                              (Query)
                                  tx.insertInto(BACKLOG_SAMPLES)
                                      .set(BACKLOG_SAMPLES.MINUTE_AT, minute)
                                      .set(BACKLOG_SAMPLES.REALM_ID, e.getKey())
                                      .set(BACKLOG_SAMPLES.WAITING, e.getValue())
                                      .onConflictDoNothing())
                      .toList())
              .execute();
          return tx.deleteFrom(BACKLOG_SAMPLES)
              .where(BACKLOG_SAMPLES.MINUTE_AT.lt(minute - KEPT.toMillis()))
              .execute();
        });
    return Instant.ofEpochMilli(minute);
  }

  private void sampleAndReschedule() {
    try {
      sample();
    } catch (RuntimeException e) {
      log.warn("Sampling the backlog failed; trying again next minute", e);
    }
    long interval = INTERVAL.toMillis();
    long delay = interval - Math.floorMod(clock.millis(), interval);
    synchronized (this) {
      if (!closed) {
        next = scheduler.schedule(this::sampleAndReschedule, delay, TimeUnit.MILLISECONDS);
      }
    }
  }

  /** Stops sampling; a sample under way finishes first. */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      if (next != null) {
        next.cancel(false);
      }
    }
    scheduler.shutdown();
    try {
      scheduler.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
