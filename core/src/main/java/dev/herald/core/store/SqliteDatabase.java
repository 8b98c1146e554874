package dev.herald.core.store;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The embedded default: one SQLite file in WAL mode, one writer connection behind a lock (SQLite
 * serialises writers anyway; queueing in-process beats fighting {@code SQLITE_BUSY}), and a few
 * read connections.
 */
public final class SqliteDatabase implements Database {

  private static final int READERS = 4;

  private final Path file;
  private final Connection writer;
  private final ReentrantLock writeLock = new ReentrantLock(true);
  private final BlockingQueue<Connection> readers;
  private final List<Connection> all = new ArrayList<>();

  private SqliteDatabase(Path file, Duration busyTimeout) throws SQLException {
    this.file = file;
    this.writer = connect(busyTimeout, false);
    this.readers = new ArrayBlockingQueue<>(READERS);
    for (int i = 0; i < READERS; i++) {
      readers.add(connect(busyTimeout, true));
    }
  }

  /**
   * Opens (creating if needed) the database file and brings its schema up to date.
   *
   * @param busyTimeout how long a write waits for another process holding the file's write lock
   */
  public static SqliteDatabase open(Path file, Duration busyTimeout) {
    requireNonNull(file, "file");
    requireNonNull(busyTimeout, "busyTimeout");
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("database.path: cannot create the folder for " + file, e);
    }
    migrate(file, busyTimeout);
    try {
      return new SqliteDatabase(file, busyTimeout);
    } catch (SQLException e) {
      throw new DatabaseException("database.path: cannot open " + file + ": " + e.getMessage(), e);
    }
  }

  /** Opens a database with a 10 second busy timeout. */
  public static SqliteDatabase open(Path file) {
    return open(file, Duration.ofSeconds(10));
  }

  private static void migrate(Path file, Duration busyTimeout) {
    SqliteAutoVacuum.enableOnNewFile(dataSource(file, busyTimeout, false));
    Flyway.configure()
        .dataSource(dataSource(file, busyTimeout, false))
        .locations("classpath:db/migration/sqlite")
        .javaMigrations(new SearchColumnsBackfill(Dialect.SQLITE))
        .load()
        .migrate();
  }

  private static SQLiteDataSource dataSource(Path file, Duration busyTimeout, boolean readOnly) {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    config.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, busyTimeout.toMillis()));
    config.enforceForeignKeys(true);
    // BEGIN IMMEDIATE: take the write lock up front so a busy wait happens at BEGIN, where
    // busy_timeout applies, rather than failing mid-transaction on a lock upgrade.
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    config.setReadOnly(readOnly);
    SQLiteDataSource dataSource = new SQLiteDataSource(config);
    dataSource.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
    return dataSource;
  }

  private Connection connect(Duration busyTimeout, boolean readOnly) throws SQLException {
    Connection connection = dataSource(file, busyTimeout, readOnly).getConnection();
    all.add(connection);
    return connection;
  }

  @Override
  public <T> T write(Function<DSLContext, T> work) {
    if (writeLock.isHeldByCurrentThread()) {
      // A write inside a write joins the outer transaction: one commit, one rollback.
      return work.apply(Dialect.SQLITE.using(writer));
    }
    writeLock.lock();
    try {
      writer.setAutoCommit(false);
      try {
        T result = work.apply(Dialect.SQLITE.using(writer));
        writer.commit();
        return result;
      } catch (RuntimeException | Error e) {
        rollbackQuietly(e);
        throw e;
      } finally {
        writer.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new DatabaseException("write transaction failed: " + e.getMessage(), e);
    } finally {
      writeLock.unlock();
    }
  }

  private void rollbackQuietly(Throwable cause) {
    try {
      writer.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  @Override
  public <T> T read(Function<DSLContext, T> work) {
    Connection connection;
    try {
      connection = readers.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DatabaseException("interrupted while waiting for a read connection", e);
    }
    try {
      return work.apply(Dialect.SQLITE.using(connection));
    } finally {
      readers.add(connection);
    }
  }

  @Override
  public Dialect dialect() {
    return Dialect.SQLITE;
  }

  /** Returns the database file. */
  public Path file() {
    return file;
  }

  @Override
  public void close() {
    writeLock.lock();
    try {
      for (Connection connection : all) {
        try {
          connection.close();
        } catch (SQLException ignored) {
          // Closing is best effort; nothing is left to protect.
        }
      }
    } finally {
      writeLock.unlock();
    }
  }
}
