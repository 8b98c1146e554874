package dev.herald.core.admin;

import static java.util.Objects.requireNonNull;

import dev.herald.core.outbox.OutboxStore;
import dev.herald.core.store.Database;
import java.time.Duration;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The backlog as metrics and readiness probes read it: every target's stats and the events not yet
 * routed, queried at most once per {@code maxAge} however often it is asked for, so a busy scraper
 * or probe costs the database two grouped queries every few seconds and no more.
 */
public final class Backlog {

  /**
   * What the database held when last asked.
   *
   * @param targets the backlog of every target that has one, by stored target key
   * @param unroutedEvents events stored but not yet expanded into deliveries
   */
  public record Snapshot(Map<String, TargetStats> targets, long unroutedEvents) {
    public Snapshot {
      targets = Map.copyOf(targets);
    }
  }

  private final Database database;
  private final OutboxStore outbox;
  private final DeliveryQueries deliveries;
  private final long maxAgeNanos;
  private final LongSupplier nanoTime;
  private Snapshot snapshot;
  private long takenAtNanos;

  /** Creates a backlog reader that queries at most once per {@code maxAge}. */
  public Backlog(
      Database database, OutboxStore outbox, DeliveryQueries deliveries, Duration maxAge) {
    this(database, outbox, deliveries, maxAge, System::nanoTime);
  }

  Backlog(
      Database database,
      OutboxStore outbox,
      DeliveryQueries deliveries,
      Duration maxAge,
      LongSupplier nanoTime) {
    this.database = requireNonNull(database, "database");
    this.outbox = requireNonNull(outbox, "outbox");
    this.deliveries = requireNonNull(deliveries, "deliveries");
    this.maxAgeNanos = requireNonNull(maxAge, "maxAge").toNanos();
    this.nanoTime = requireNonNull(nanoTime, "nanoTime");
  }

  /** Returns the latest snapshot, querying again when it is older than {@code maxAge}. */
  public synchronized Snapshot current() {
    long now = nanoTime.getAsLong();
    if (snapshot == null || now - takenAtNanos >= maxAgeNanos) {
      Map<String, TargetStats> targets = deliveries.stats();
      long unrouted = database.read(outbox::unroutedCount);
      snapshot = new Snapshot(targets, unrouted);
      takenAtNanos = now;
    }
    return snapshot;
  }
}
