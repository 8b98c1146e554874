package dev.herald.bench;

import dev.herald.core.store.SqliteDatabase;
import dev.herald.proto.event.v1.EventEnvelope;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.sqlite.SQLiteConfig;

/**
 * The outbox baseline: plain sqlite-jdbc batched inserts into Herald's own {@code event_outbox}
 * (migrated by Flyway, so the same columns and indexes), WAL, {@code synchronous=NORMAL}, no jOOQ,
 * no queue, no futures.
 */
final class RawOutbox implements AutoCloseable {

  private static final String INSERT =
      "INSERT INTO event_outbox"
          + " (event_id, event_type, event_version, realm_id, occurred_at, envelope, created_at)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?)";

  private final Connection connection;
  private final PreparedStatement insert;

  private RawOutbox(Connection connection) throws SQLException {
    this.connection = connection;
    connection.setAutoCommit(false);
    this.insert = connection.prepareStatement(INSERT);
  }

  /** Creates Herald's schema in {@code file} (through Herald's migrations) and opens it raw. */
  static RawOutbox create(Path file) throws SQLException {
    SqliteDatabase.open(file).close();
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    return new RawOutbox(config.createConnection("jdbc:sqlite:" + file.toAbsolutePath()));
  }

  /** Inserts the events, {@code rowsPerTransaction} rows per commit. */
  void insert(List<EventEnvelope> events, int rowsPerTransaction) throws SQLException {
    long createdAt = System.currentTimeMillis();
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
      if (++inBatch == rowsPerTransaction) {
        insert.executeBatch();
        connection.commit();
        inBatch = 0;
      }
    }
    if (inBatch > 0) {
      insert.executeBatch();
      connection.commit();
    }
  }

  @Override
  public void close() throws SQLException {
    insert.close();
    connection.close();
  }
}
