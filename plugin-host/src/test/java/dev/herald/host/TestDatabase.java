package dev.herald.host;

import dev.herald.core.store.PostgresSettings;
import dev.herald.core.testing.TestPostgres;
import java.nio.file.Path;

/**
 * The database a test's servers keep their state in, written as the {@code database} section of
 * herald.yaml: a SQLite file in the test's folder, or a fresh PostgreSQL database.
 *
 * <p>One instance serves one test: every server it starts, restarts included, sees the same data.
 */
sealed interface TestDatabase {

  /** Returns the {@code database} section, the same for every call on this instance. */
  String yaml(Path folder);

  /** Returns {@code herald.db} in the test's folder. */
  static TestDatabase sqlite() {
    return new Sqlite();
  }

  /** Returns a new database on the JVM's embedded PostgreSQL, created when first written out. */
  static TestDatabase postgres() {
    return new Postgres();
  }

  /** {@code herald.db} in the test's folder. */
  final class Sqlite implements TestDatabase {

    @Override
    public String yaml(Path folder) {
      return "database:\n  path: '%s'\n".formatted(folder.resolve("herald.db"));
    }
  }

  /** A database of its own on the embedded PostgreSQL server. */
  final class Postgres implements TestDatabase {

    private PostgresSettings settings;

    @Override
    public synchronized String yaml(Path folder) {
      if (settings == null) {
        settings = TestPostgres.freshDatabase();
      }
      return "database:\n  url: '%s'\n  user: %s\n  pool_size: %d\n"
              .formatted(settings.url(), settings.user(), settings.poolSize())
          + TestHerald.SECRETS_SECTION;
    }
  }
}
