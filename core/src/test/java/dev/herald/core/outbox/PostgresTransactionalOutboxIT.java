package dev.herald.core.outbox;

import static dev.herald.core.store.jooq.Tables.EVENT_OUTBOX;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.Stores;
import dev.herald.core.envelope.EnvelopeFactory;
import dev.herald.core.store.PostgresDatabase;
import dev.herald.core.store.PostgresSettings;
import dev.herald.core.testing.SettableClock;
import dev.herald.core.testing.TestPostgres;
import dev.herald.proto.event.v1.EventEnvelope;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The transactional outbox inside a PostgreSQL transaction the caller owns: their connection, their
 * tables in their schema, Herald's tables beside them in Herald's own schema.
 */
class PostgresTransactionalOutboxIT {

  private final SettableClock clock = SettableClock.atEpoch2026();
  private final EnvelopeFactory events =
      new EnvelopeFactory(clock, new SplittableRandom(11), "urn:herald:test");
  private PostgresSettings settings;
  private PostgresDatabase database;
  private OutboxStore store;
  private TransactionalOutbox outbox;

  @BeforeEach
  void open() throws SQLException {
    settings = TestPostgres.freshDatabase().withSchema("herald");
    database = PostgresDatabase.open(settings);
    store = Stores.of(database).outbox();
    outbox = new TransactionalOutbox(database, store, event -> {}, clock, () -> {});
    try (Connection connection = callerConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE public.accounts (id TEXT PRIMARY KEY)");
      connection.commit();
    }
  }

  @AfterEach
  void close() {
    database.close();
  }

  /** A connection as the caller's service opens it: its own pool, search_path left at public. */
  private Connection callerConnection() throws SQLException {
    Connection connection =
        DriverManager.getConnection(settings.url(), settings.user(), settings.password());
    connection.setAutoCommit(false);
    return connection;
  }

  private static void insertAccount(Connection connection, String id) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.executeUpdate("INSERT INTO accounts (id) VALUES ('" + id + "')");
    }
  }

  private List<String> storedEventIds() {
    return database.read(
        ctx ->
            ctx.select(EVENT_OUTBOX.EVENT_ID)
                .from(EVENT_OUTBOX)
                .orderBy(EVENT_OUTBOX.ID)
                .fetch(EVENT_OUTBOX.EVENT_ID));
  }

  private List<String> accounts() throws SQLException {
    try (Connection connection = callerConnection();
        Statement statement = connection.createStatement();
        var rows = statement.executeQuery("SELECT id FROM accounts ORDER BY id")) {
      List<String> ids = new java.util.ArrayList<>();
      while (rows.next()) {
        ids.add(rows.getString(1));
      }
      return ids;
    }
  }

  @Test
  void anEventCommitsAndRollsBackWithTheCallersOwnTransaction() throws SQLException {
    EventEnvelope rolledBack = events.json("account.opened", "", "{}");
    EventEnvelope committed = events.json("account.opened", "", "{}");

    try (Connection connection = callerConnection()) {
      insertAccount(connection, "acc-1");
      outbox.append(connection, rolledBack);
      connection.rollback();

      insertAccount(connection, "acc-2");
      outbox.append(connection, committed);
      connection.commit();
    }

    assertThat(accounts()).containsExactly("acc-2");
    assertThat(storedEventIds()).containsExactly(committed.getEventId());
    assertThat(database.read(ctx -> store.unrouted(ctx, 10)).events())
        .as("queued for the router by the caller's own statement")
        .extracting(OutboxEvent::eventId)
        .containsExactly(committed.getEventId());
  }

  @Test
  void heraldsTablesLiveInItsSchemaNotTheCallers() throws SQLException {
    try (Connection connection = callerConnection();
        var rows =
            connection
                .getMetaData()
                .getTables(null, null, "event_outbox", new String[] {"TABLE"})) {
      List<String> schemas = new java.util.ArrayList<>();
      while (rows.next()) {
        schemas.add(rows.getString("TABLE_SCHEM"));
      }
      assertThat(schemas).containsExactly("herald");
    }
  }
}
