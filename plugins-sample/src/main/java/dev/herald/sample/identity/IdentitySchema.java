package dev.herald.sample.identity;

import dev.herald.core.store.PostgresSettings;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Brings the sample's own tables up to date from its Flyway migrations ({@code
 * db/identity-sample/sqlite} or {@code postgresql}), recorded in their own history table so they
 * share one SQLite file or PostgreSQL schema with Herald's.
 */
final class IdentitySchema {

  /**
   * The Flyway history table of the sample's migrations; Herald's is {@code flyway_schema_history}.
   */
  static final String HISTORY_TABLE = "identity_schema_history";

  private IdentitySchema() {}

  /** Migrates the sample's tables in {@code file}, which already holds Herald's schema. */
  static void migrate(Path file) {
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout(10_000);
    SQLiteDataSource dataSource = new SQLiteDataSource(config);
    dataSource.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
    migrate(Flyway.configure().dataSource(dataSource), "sqlite");
  }

  /** Migrates the sample's tables beside Herald's, in Herald's schema of that database. */
  static void migrate(PostgresSettings settings) {
    FluentConfiguration flyway =
        Flyway.configure()
            .dataSource(
                settings.url(), emptyToNull(settings.user()), emptyToNull(settings.password()));
    settings.schema().ifPresent(flyway::schemas);
    migrate(flyway, "postgresql");
  }

  private static void migrate(FluentConfiguration flyway, String vendor) {
    flyway
        .locations("classpath:db/identity-sample/" + vendor)
        .table(HISTORY_TABLE)
        // Herald's tables make the database non-empty; start this history at 0 beside them.
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load()
        .migrate();
  }

  private static String emptyToNull(String value) {
    return value.isEmpty() ? null : value;
  }
}
