package dev.herald.core.store;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Function;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jooq.DSLContext;

/**
 * Herald on PostgreSQL: a pool of connections shared by every thread, and as many concurrent write
 * transactions as the pool allows. Several nodes may use one database; what keeps them apart lives
 * in the stores (claims skip locked rows, routing marks rows, leases fence outcomes).
 */
public final class PostgresDatabase implements Database {

  private final HikariDataSource pool;
  private final Dialect dialect;
  // The connection of the write transaction a thread is in: a write inside a write joins it.
  private final ThreadLocal<Connection> inWrite = new ThreadLocal<>();

  private PostgresDatabase(HikariDataSource pool, Dialect dialect) {
    this.pool = pool;
    this.dialect = dialect;
  }

  /**
   * Connects, creates Herald's schema when one is named and missing, and brings the schema up to
   * date; several nodes may do this at once (Flyway serialises them with a lock).
   *
   * @throws DatabaseException naming {@code database.url} and the cause when the database cannot be
   *     reached or migrated
   */
  public static PostgresDatabase open(PostgresSettings settings) {
    requireNonNull(settings, "settings");
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(poolConfig(settings));
    } catch (RuntimeException e) {
      String message =
          "database.url: cannot connect to " + redacted(settings.url()) + ": " + rootMessage(e);
      // Refused credentials or a missing database will not mend by waiting; a server down will.
      throw refusedForGood(e)
          ? new DatabaseException(message, e)
          : new DatabaseUnreachableException(message, e);
    }
    Dialect dialect = Dialect.postgres(settings.schema());
    try {
      Flyway.configure()
          .dataSource(pool)
          .locations("classpath:db/migration/postgresql")
          .javaMigrations(new SearchColumnsBackfill(dialect))
          .schemas(settings.schema().map(schema -> new String[] {schema}).orElse(new String[0]))
          .createSchemas(true)
          .load()
          .migrate();
    } catch (FlywayException e) {
      pool.close();
      throw new DatabaseException(
          "database.url: cannot migrate " + redacted(settings.url()) + ": " + rootMessage(e), e);
    }
    return new PostgresDatabase(pool, dialect);
  }

  private static HikariConfig poolConfig(PostgresSettings settings) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("herald-postgres");
    config.setJdbcUrl(settings.url());
    if (!settings.user().isEmpty()) {
      config.setUsername(settings.user());
    }
    if (!settings.password().isEmpty()) {
      config.setPassword(settings.password());
    }
    config.setMaximumPoolSize(settings.poolSize());
    config.setMinimumIdle(Math.min(2, settings.poolSize()));
    settings.schema().ifPresent(config::setSchema);
    // Batches of inserts become multi-row inserts: about 20x the rows per second (DESIGN.md).
    config.addDataSourceProperty("reWriteBatchedInserts", "true");
    config.setConnectionTimeout(10_000);
    return config;
  }

  /** Returns whether the server refused the credentials (28xxx) or knows no such database (3D). */
  private static boolean refusedForGood(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        return state.startsWith("28") || state.startsWith("3D");
      }
    }
    return false;
  }

  /** Returns the URL without its query string, where a password may be. */
  private static String redacted(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query) + "?…";
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  @Override
  public <T> T write(Function<DSLContext, T> work) {
    Connection joined = inWrite.get();
    if (joined != null) {
      return work.apply(dialect.using(joined));
    }
    try (Connection connection = pool.getConnection()) {
      connection.setAutoCommit(false);
      inWrite.set(connection);
      try {
        T result = work.apply(dialect.using(connection));
        connection.commit();
        return result;
      } catch (RuntimeException | Error e) {
        rollbackQuietly(connection, e);
        throw e;
      } finally {
        inWrite.remove();
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new DatabaseException("write transaction failed: " + e.getMessage(), e);
    }
  }

  private static void rollbackQuietly(Connection connection, Throwable cause) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  @Override
  public <T> T read(Function<DSLContext, T> work) {
    Connection joined = inWrite.get();
    if (joined != null) {
      return work.apply(dialect.using(joined));
    }
    try (Connection connection = pool.getConnection()) {
      return work.apply(dialect.using(connection));
    } catch (SQLException e) {
      throw new DatabaseException("read failed: " + e.getMessage(), e);
    }
  }

  @Override
  public Dialect dialect() {
    return dialect;
  }

  @Override
  public void close() {
    pool.close();
  }
}
