package dev.herald.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.herald.core.store.PostgresSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The peers' databases: a HikariCP pool, as users hand both libraries a {@link DataSource}, on a
 * SQLite file set up as Herald sets up its own (WAL, {@code synchronous=NORMAL}, a busy timeout) or
 * on a PostgreSQL database of the bench server; and their schemas, run from classpath scripts.
 */
final class PeerDatabase {

  private static final int BUSY_TIMEOUT_MILLIS = 10_000;

  private PeerDatabase() {}

  /** Returns a pool of {@code poolSize} connections to the SQLite file {@code file}. */
  static HikariDataSource sqlite(Path file, int poolSize) {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
    SQLiteDataSource sqlite = new SQLiteDataSource(config);
    sqlite.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
    HikariConfig pool = new HikariConfig();
    pool.setDataSource(sqlite);
    pool.setMaximumPoolSize(poolSize);
    pool.setPoolName("peer-sqlite");
    return new HikariDataSource(pool);
  }

  /**
   * Returns a pool of {@code poolSize} connections to the PostgreSQL database of {@code settings}.
   */
  static HikariDataSource postgres(PostgresSettings settings, int poolSize) {
    HikariConfig pool = new HikariConfig();
    pool.setJdbcUrl(settings.url());
    pool.setUsername(settings.user());
    pool.setPassword(settings.password());
    pool.setMaximumPoolSize(poolSize);
    pool.setPoolName("peer-postgres");
    return new HikariDataSource(pool);
  }

  /** Runs the statements of the classpath script {@code resource}, separated by semicolons. */
  static void run(DataSource dataSource, String resource) throws SQLException {
    String script;
    try (InputStream in = PeerDatabase.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException(
            "resource: " + resource + " (expected: on the classpath)");
      }
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      for (String sql : script.replaceAll("(?m)^--.*$", "").split(";")) {
        if (!sql.isBlank()) {
          statement.execute(sql);
        }
      }
    }
  }

  /** Returns the single number {@code query} selects. */
  static long count(DataSource dataSource, String query) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(query)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
