package dev.herald.core.retention;

import static java.util.Objects.requireNonNull;

import dev.herald.core.store.PurgedRows;
import java.time.Duration;
import java.time.Instant;
import org.jooq.DSLContext;

/**
 * One kind of row retention deletes once older than {@code keep}: a batch at a time, each in its
 * own write transaction, through the store that owns the table.
 *
 * @param name what it deletes, for logs, e.g. {@code deliveries.succeeded}
 * @param keep how long its rows are kept
 * @param batch deletes one batch
 */
public record PurgeStep(String name, Duration keep, Batch batch) {

  /** Deletes one batch of rows older than {@code before}, after id {@code afterId}. */
  @FunctionalInterface
  public interface Batch {
    PurgedRows purge(DSLContext tx, long afterId, Instant before, int limit);
  }

  public PurgeStep {
    requireNonNull(name, "name");
    requireNonNull(keep, "keep");
    requireNonNull(batch, "batch");
  }

  /** Deletes one batch of rows older than {@code keep} at {@code now}. */
  PurgedRows purge(DSLContext tx, Instant now, long afterId, int limit) {
    return batch.purge(tx, afterId, now.minus(keep), limit);
  }
}
