package dev.herald.sample.identity;

import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Brings the sample's own tables up to date from its Flyway migrations ({@code
 * db/identity-sample}), recorded in their own history table so they share one file with Herald's.
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
    Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/identity-sample")
        .table(HISTORY_TABLE)
        // Herald's tables make the file non-empty; start this history at 0 beside them.
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load()
        .migrate();
  }
}
