package dev.herald.bench;

import dev.herald.core.store.PostgresDatabase;
import dev.herald.core.store.PostgresSettings;
import dev.herald.proto.event.v1.EventEnvelope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The PostgreSQL outbox baseline: plain pgjdbc batched inserts into Herald's own {@code
 * event_outbox} (migrated by Flyway, so the same columns and indexes), {@code
 * reWriteBatchedInserts=true} as Herald's pool sets it, one connection, no pool, no jOOQ, no queue,
 * no futures. The same statement and rows as the SQLite baseline ({@link RawOutbox}), and only
 * those rows: the schema's trigger that queues each new event for the router is disabled. With the
 * queue, and the router taking each batch off it, the same inserts are the storage floor of
 * Herald's outbox on PostgreSQL.
 */
final class RawPgOutbox implements AutoCloseable {

  private static final String INSERT =
      "INSERT INTO event_outbox"
          + " (event_id, event_type, event_version, realm_id, occurred_at, envelope, created_at)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?)";

  // What Herald's router does to each batch on PostgreSQL (QueueRouting), without the SKIP LOCKED
  // sub-select only several routers need.
  private static final String TAKE =
      "DELETE FROM outbox_unrouted WHERE outbox_id IN"
          + " (SELECT id FROM event_outbox WHERE event_id = ANY (?))";

  // Made by db/migration/postgresql/V6.
  private static final String QUEUE_TRIGGER = "event_outbox_enqueue_unrouted";

  private final Connection connection;
  private final PreparedStatement insert;
  private final PreparedStatement take;

  private RawPgOutbox(Connection connection) throws SQLException {
    this.connection = connection;
    connection.setAutoCommit(false);
    this.insert = connection.prepareStatement(INSERT);
    this.take = connection.prepareStatement(TAKE);
  }

  /**
   * Creates Herald's schema in the database (through Herald's migrations) and opens it raw, with or
   * without the routing queue.
   */
  static RawPgOutbox create(PostgresSettings settings, boolean queued) throws SQLException {
    PostgresDatabase.open(settings).close();
    RawPgOutbox raw =
        new RawPgOutbox(BenchPostgres.connect(settings, "reWriteBatchedInserts=true"));
    if (!queued) {
      try (Statement statement = raw.connection.createStatement()) {
        statement.execute("ALTER TABLE event_outbox DISABLE TRIGGER " + QUEUE_TRIGGER);
      }
      raw.connection.commit();
    }
    return raw;
  }

  /** Inserts the events, {@code rowsPerTransaction} rows per commit. */
  void insert(List<EventEnvelope> events, int rowsPerTransaction) throws SQLException {
    write(events, rowsPerTransaction, false);
  }

  /**
   * Inserts the events as {@link #insert} does (each queued for the router by the schema's trigger)
   * and, after each commit, takes the rows just committed off the queue in a transaction of their
   * own, as Herald's router does on PostgreSQL: the database work of Herald's outbox on PostgreSQL,
   * done by one connection, one step after the other.
   */
  void insertAndRoute(List<EventEnvelope> events, int rowsPerTransaction) throws SQLException {
    write(events, rowsPerTransaction, true);
  }

  private void write(List<EventEnvelope> events, int rowsPerTransaction, boolean routed)
      throws SQLException {
    long createdAt = System.currentTimeMillis();
    List<String> ids = new ArrayList<>(rowsPerTransaction);
    int inBatch = 0;
    for (EventEnvelope event : events) {
      insert.setString(1, event.getEventId());
      insert.setString(2, event.getEventType());
      insert.setLong(3, event.getEventVersion());
      insert.setString(4, event.getRealmId());
      insert.setLong(
          5,
          event.getOccurredAt().getSeconds() * 1000 + event.getOccurredAt().getNanos() / 1_000_000);
      insert.setBytes(6, event.toByteArray());
      insert.setLong(7, createdAt);
      insert.addBatch();
      ids.add(event.getEventId());
      if (++inBatch == rowsPerTransaction) {
        commit(ids, routed);
        inBatch = 0;
      }
    }
    if (inBatch > 0) {
      commit(ids, routed);
    }
  }

  private void commit(List<String> ids, boolean routed) throws SQLException {
    insert.executeBatch();
    connection.commit();
    if (routed) {
      take.setArray(1, connection.createArrayOf("text", ids.toArray()));
      take.executeUpdate();
      connection.commit();
    }
    ids.clear();
  }

  @Override
  public void close() throws SQLException {
    insert.close();
    take.close();
    connection.close();
  }
}
