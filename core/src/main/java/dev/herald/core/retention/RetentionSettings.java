package dev.herald.core.retention;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How retention runs.
 *
 * @param interval the wait between the end of one pass and the start of the next
 * @param batchSize the most rows one step deletes in one write transaction
 * @param pause the wait between two batches, which leaves the write path to the outbox writer and
 *     the router
 * @param vacuumPages the most free pages SQLite gives back to the file system in one transaction
 */
public record RetentionSettings(Duration interval, int batchSize, Duration pause, int vacuumPages) {

  public RetentionSettings {
    requireNonNull(interval, "interval");
    requireNonNull(pause, "pause");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval: " + interval + " (expected: > 0)");
    }
    if (pause.isNegative()) {
      throw new IllegalArgumentException("pause: " + pause + " (expected: >= 0)");
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch_size: " + batchSize + " (expected: >= 1)");
    }
    if (vacuumPages < 1) {
      throw new IllegalArgumentException("vacuumPages: " + vacuumPages + " (expected: >= 1)");
    }
  }

  /** Returns a pass every 10 minutes, batches of 500 rows, 50 ms apart, 1000 pages (4 MB). */
  public static RetentionSettings ofDefaults() {
    return new RetentionSettings(Duration.ofMinutes(10), 500, Duration.ofMillis(50), 1000);
  }
}
