package dev.herald.bench;

import dev.herald.core.store.PostgresSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The PostgreSQL server of the PostgreSQL scenarios: io.zonky's embedded server (real PostgreSQL
 * binaries unpacked from a jar, run as child processes), listening on 127.0.0.1 only, with a new
 * empty database for each trial. As root it runs PostgreSQL under {@code unshare -U}, as tests do.
 *
 * <p>Durability matches the SQLite scenarios' WAL with {@code synchronous=NORMAL}: a commit does
 * not wait for the disk ({@code synchronous_commit=off}), but the log and checkpoints are still
 * written and flushed ({@code fsync=on}, which zonky turns off by default). No checkpoint falls
 * inside a trial by itself: the WAL may grow to 4 GB, and each trial starts right after an explicit
 * one.
 */
final class BenchPostgres implements AutoCloseable {

  private static final String SUPERUSER = "postgres";

  /** The server settings every PostgreSQL figure was measured with, as reported. */
  private static final List<String> SHOWN =
      List.of(
          "fsync",
          "synchronous_commit",
          "full_page_writes",
          "shared_buffers",
          "max_wal_size",
          "autovacuum");

  private final EmbeddedPostgres server;
  private int databases;

  private BenchPostgres(EmbeddedPostgres server) {
    this.server = server;
  }

  /**
   * Starts the server; takes a few seconds (initdb).
   *
   * @throws Unavailable when it cannot start here
   */
  static BenchPostgres start() {
    try {
      return new BenchPostgres(
          EmbeddedPostgres.builder()
              .setServerConfig("listen_addresses", "127.0.0.1")
              .setServerConfig("fsync", "on")
              .setServerConfig("synchronous_commit", "off")
              .setServerConfig("shared_buffers", "256MB")
              .setServerConfig("max_wal_size", "4GB")
              .setServerConfig("checkpoint_timeout", "30min")
              // Two nodes of 10 connections each, the raw connection and this class's own.
              .setServerConfig("max_connections", "100")
              // The server may be slow to answer while the machine is busy.
              .setPGStartupWait(Duration.ofSeconds(60))
              // Stops the server (and deletes its data) should the bench exit without close().
              .setRegisterShutdownHook(true)
              .start());
    } catch (IOException | RuntimeException e) {
      throw new Unavailable(
          "cannot start embedded PostgreSQL (as root it needs `unshare -U`): " + e.getMessage(), e);
    }
  }

  /** Thrown when the embedded server cannot start here; the PostgreSQL scenarios are skipped. */
  static final class Unavailable extends RuntimeException {
    Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Creates a new empty database and returns settings for Herald on it: user postgres, no password,
   * a pool of {@code poolSize}, the default schema.
   */
  PostgresSettings freshDatabase(String purpose, int poolSize) throws SQLException {
    String name = "bench_%03d_%s".formatted(++databases, purpose.replace('-', '_'));
    try (Connection connection = admin();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    }
    return new PostgresSettings(url(name), SUPERUSER, "", poolSize, Optional.empty());
  }

  /** Drops the database of {@code settings}, closing any connection left open to it. */
  void drop(PostgresSettings settings) throws SQLException {
    String url = settings.url();
    try (Connection connection = admin();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "DROP DATABASE IF EXISTS " + url.substring(url.lastIndexOf('/') + 1) + " WITH (FORCE)");
    }
  }

  /** Writes every dirty page now, so that no trial pays for the previous one's. */
  void checkpoint() throws SQLException {
    try (Connection connection = admin();
        Statement statement = connection.createStatement()) {
      statement.execute("CHECKPOINT");
    }
  }

  /** Returns the server's current WAL position in bytes, to measure what a trial wrote. */
  long walBytes() throws SQLException {
    try (Connection connection = admin();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT pg_current_wal_lsn() - '0/0'::pg_lsn")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /**
   * Returns how many transactions have committed in the database of {@code settings}, as the
   * server's statistics say once every connection that ran them has closed (give it a second).
   */
  long commits(PostgresSettings settings) throws SQLException {
    String url = settings.url();
    try (Connection connection = admin();
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT xact_commit FROM pg_stat_database WHERE datname = '"
                    + url.substring(url.lastIndexOf('/') + 1)
                    + "'")) {
      return rs.next() ? rs.getLong(1) : -1;
    }
  }

  /** Opens a plain JDBC connection to the database of {@code settings}, with extra URL options. */
  static Connection connect(PostgresSettings settings, String options) throws SQLException {
    return DriverManager.getConnection(
        settings.url() + (options.isEmpty() ? "" : "?" + options),
        settings.user(),
        settings.password());
  }

  /** Returns the server's version and the settings that matter here, for the report. */
  String describe() throws SQLException {
    List<String> shown = new ArrayList<>();
    try (Connection connection = admin();
        Statement statement = connection.createStatement()) {
      String version;
      try (ResultSet rs = statement.executeQuery("SHOW server_version")) {
        rs.next();
        version = rs.getString(1);
      }
      for (String name : SHOWN) {
        try (ResultSet rs = statement.executeQuery("SHOW " + name)) {
          rs.next();
          shown.add(name + "=" + rs.getString(1));
        }
      }
      return "PostgreSQL "
          + version
          + " (io.zonky embedded, 127.0.0.1), "
          + String.join(", ", shown);
    }
  }

  private Connection admin() throws SQLException {
    return DriverManager.getConnection(url("postgres"), SUPERUSER, "");
  }

  private String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + server.getPort() + "/" + database;
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stop embedded PostgreSQL", e);
    }
  }
}
