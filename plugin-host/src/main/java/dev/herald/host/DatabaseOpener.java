package dev.herald.host;

import dev.herald.core.store.Database;
import dev.herald.core.store.DatabaseUnreachableException;
import dev.herald.core.store.PostgresDatabase;
import dev.herald.core.store.SqliteDatabase;
import dev.herald.host.config.DatabaseConfig;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the configured database: the SQLite file, or PostgreSQL. A server waits for a PostgreSQL
 * that cannot be reached yet (it may be starting beside Herald), saying why every time it tries.
 */
public final class DatabaseOpener {

  private static final Logger log = LoggerFactory.getLogger(DatabaseOpener.class);
  private static final Duration FIRST_WAIT = Duration.ofSeconds(1);
  private static final Duration LONGEST_WAIT = Duration.ofSeconds(30);

  private DatabaseOpener() {}

  /** Opens the database once; an unreachable one fails at once. */
  public static Database open(DatabaseConfig config) {
    return switch (config) {
      case DatabaseConfig.Sqlite sqlite -> SqliteDatabase.open(sqlite.path());
      case DatabaseConfig.Postgres postgres -> PostgresDatabase.open(postgres.settings());
    };
  }

  /** Opens the database, trying again with backoff for as long as it cannot be reached. */
  public static Database openWaiting(DatabaseConfig config) {
    Duration wait = FIRST_WAIT;
    while (true) {
      try {
        return open(config);
      } catch (DatabaseUnreachableException e) {
        log.warn(
            "Waiting for the database: {}; trying again in {} s", e.getMessage(), wait.toSeconds());
        try {
          Thread.sleep(wait);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
        wait =
            wait.multipliedBy(2).compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait.multipliedBy(2);
      }
    }
  }

  /** Returns where the database is, for the log: the file, or the URL without its query. */
  public static String describe(DatabaseConfig config) {
    return switch (config) {
      case DatabaseConfig.Sqlite sqlite -> sqlite.path().toAbsolutePath().toString();
      case DatabaseConfig.Postgres postgres ->
          DatabaseConfig.Postgres.redactedUrl(postgres.settings().url());
    };
  }
}
