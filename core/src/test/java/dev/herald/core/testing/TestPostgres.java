package dev.herald.core.testing;

import dev.herald.core.store.PostgresSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One embedded PostgreSQL server per test JVM, started on first use and stopped by a JVM shutdown
 * hook, with a new empty database for each test that asks.
 *
 * <p>Works as root too: zonky runs {@code initdb} and {@code pg_ctl} in a user namespace where root
 * is nobody, and where that is not allowed {@link RootlessPostgresBinaries} drops to nobody itself.
 */
public final class TestPostgres {

  private static final Logger log = LoggerFactory.getLogger(TestPostgres.class);
  private static final String SUPERUSER = "postgres";
  private static final int POOL_SIZE = 4;
  private static final AtomicInteger databases = new AtomicInteger();

  private static EmbeddedPostgres server;

  private TestPostgres() {}

  /**
   * Creates a new empty database ({@code herald_<n>}) on the shared server and returns settings
   * that point at it: user {@code postgres}, no password, a pool of 4 and the default schema.
   */
  public static PostgresSettings freshDatabase() {
    EmbeddedPostgres postgres = server();
    String name = "herald_" + databases.incrementAndGet();
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database " + name, e);
    }
    String url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + name;
    return new PostgresSettings(url, SUPERUSER, "", POOL_SIZE, Optional.empty());
  }

  private static synchronized EmbeddedPostgres server() {
    if (server == null) {
      long started = System.nanoTime();
      server = start();
      log.info(
          "Embedded PostgreSQL on port {} started in {} ms",
          server.getPort(),
          Duration.ofNanos(System.nanoTime() - started).toMillis());
    }
    return server;
  }

  private static EmbeddedPostgres start() {
    try {
      EmbeddedPostgres.Builder builder =
          EmbeddedPostgres.builder()
              // Several Herald nodes per test, each with a pool of 4 to 10 connections.
              .setServerConfig("max_connections", "300")
              // Test data need not survive a crash of the machine.
              .setServerConfig("fsync", "off")
              .setServerConfig("synchronous_commit", "off")
              .setServerConfig("full_page_writes", "off")
              // The server may be slow to answer while other builds share the machine's cores.
              .setPGStartupWait(Duration.ofSeconds(60))
              // zonky's hook runs pg_ctl stop and deletes the data directory.
              .setRegisterShutdownHook(true);
      if (RootlessPostgresBinaries.needed()) {
        RootlessPostgresBinaries.applyTo(builder);
      }
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
    }
  }
}
