package dev.herald.bench;

import dev.herald.core.store.PostgresDatabase;
import dev.herald.core.store.PostgresSettings;
import dev.herald.proto.event.v1.EventEnvelope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The PostgreSQL outbox baseline: plain pgjdbc batched inserts into Herald's own {@code
 * event_outbox} (migrated by Flyway, so the same columns and indexes), {@code
 * reWriteBatchedInserts=true} as Herald's pool sets it, one connection, no pool, no jOOQ, no queue,
 * no futures. The same statement and rows as the SQLite baseline ({@link RawOutbox}); optionally
 * also the router's mark on each row, for the storage floor of Herald's outbox on PostgreSQL.
 */
final class RawPgOutbox implements AutoCloseable {

  private static final String INSERT =
      "INSERT INTO event_outbox"
          + " (event_id, event_type, event_version, realm_id, occurred_at, envelope, created_at)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?)";

  // What Herald's router does to each new row on PostgreSQL (RowMarkRouting), without the SKIP
  // LOCKED sub-select only several routers need.
  private static final String MARK =
      "UPDATE event_outbox SET routed_at = ? WHERE event_id = ANY (?) AND routed_at IS NULL";

  private final Connection connection;
  private final PreparedStatement insert;
  private final PreparedStatement mark;

  private RawPgOutbox(Connection connection) throws SQLException {
    this.connection = connection;
    connection.setAutoCommit(false);
    this.insert = connection.prepareStatement(INSERT);
    this.mark = connection.prepareStatement(MARK);
  }

  /** Creates Herald's schema in the database (through Herald's migrations) and opens it raw. */
  static RawPgOutbox create(PostgresSettings settings) throws SQLException {
    PostgresDatabase.open(settings).close();
    return new RawPgOutbox(BenchPostgres.connect(settings, "reWriteBatchedInserts=true"));
  }

  /** Inserts the events, {@code rowsPerTransaction} rows per commit. */
  void insert(List<EventEnvelope> events, int rowsPerTransaction) throws SQLException {
    write(events, rowsPerTransaction, false);
  }

  /**
   * Inserts the events as {@link #insert} does and, after each commit, marks the rows just
   * committed routed in a transaction of their own, as Herald's router does on PostgreSQL: the
   * database work of Herald's outbox on PostgreSQL, done by one connection, one step after the
   * other.
   */
  void insertAndMark(List<EventEnvelope> events, int rowsPerTransaction) throws SQLException {
    write(events, rowsPerTransaction, true);
  }

  private void write(List<EventEnvelope> events, int rowsPerTransaction, boolean marked)
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
        commit(ids, marked);
        inBatch = 0;
      }
    }
    if (inBatch > 0) {
      commit(ids, marked);
    }
  }

  private void commit(List<String> ids, boolean marked) throws SQLException {
    insert.executeBatch();
    connection.commit();
    if (marked) {
      mark.setLong(1, System.currentTimeMillis());
      mark.setArray(2, connection.createArrayOf("text", ids.toArray()));
      mark.executeUpdate();
      connection.commit();
    }
    ids.clear();
  }

  @Override
  public void close() throws SQLException {
    insert.close();
    mark.close();
    connection.close();
  }
}
