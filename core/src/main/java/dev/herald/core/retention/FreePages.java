package dev.herald.core.retention;

import dev.herald.core.store.Database;
import dev.herald.core.store.Dialect;
import org.jooq.DSLContext;

/**
 * Gives the pages retention freed back to the file system, where the database keeps them in its own
 * file (SQLite in {@code auto_vacuum = INCREMENTAL} mode, which new files get): a few pages per
 * write transaction, so the writer waits no longer than for a purge batch. PostgreSQL's autovacuum
 * makes deleted rows' space reusable by itself, and SQLite files without incremental vacuum reuse
 * freed pages for new rows; for both, there is nothing to do here.
 */
final class FreePages {

  private static final int INCREMENTAL = 2;

  private final Database database;
  private final int pagesPerBatch;

  FreePages(Database database, int pagesPerBatch) {
    this.database = database;
    this.pagesPerBatch = pagesPerBatch;
  }

  /** Returns whether this database can give pages back. */
  boolean reclaimable() {
    return database.dialect() instanceof Dialect.Sqlite
        && database.read(ctx -> pragma(ctx, "auto_vacuum")) == INCREMENTAL;
  }

  /**
   * Gives back up to one batch of free pages; returns how many free pages were left before, so the
   * caller stops once that is no more than one batch.
   */
  long reclaimBatch() {
    return database.write(
        tx -> {
          long free = pragma(tx, "freelist_count");
          if (free > 0) {
            // Each step of the statement frees one page: fetch() steps it to the end.
            tx.fetch("PRAGMA incremental_vacuum(" + pagesPerBatch + ")");
          }
          return free;
        });
  }

  private static long pragma(DSLContext ctx, String name) {
    return ((Number) ctx.fetchValue("PRAGMA " + name)).longValue();
  }
}
