package dev.herald.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.sqlite.SQLiteConfig;

/**
 * The storage floor of fan-out: the delivery rows a router pass writes for events already in the
 * outbox, and the routing cursor moved past them, with plain sqlite-jdbc prepared batches into
 * Herald's own schema, {@code deliveriesPerTransaction} rows per commit as the router batches them.
 * Nothing is read: which targets get each event is given.
 */
final class RawFanoutRows implements AutoCloseable {

  private final Connection connection;
  private final PreparedStatement delivery;
  private final PreparedStatement cursor;

  private RawFanoutRows(Connection connection) throws SQLException {
    this.connection = connection;
    connection.setAutoCommit(false);
    this.delivery =
        connection.prepareStatement(
            "INSERT INTO deliveries (outbox_id, event_id, target, status, next_attempt_at,"
                + " created_at, updated_at) VALUES (?, ?, ?, 'pending', ?, ?, ?)");
    this.cursor =
        connection.prepareStatement("UPDATE outbox_cursor SET last_id = ? WHERE name = 'router'");
  }

  /** Opens a Herald database file, schema and outbox rows in place, raw. */
  static RawFanoutRows open(Path file) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    return new RawFanoutRows(config.createConnection("jdbc:sqlite:" + file.toAbsolutePath()));
  }

  /**
   * Writes one pending delivery per event and target: the event with outbox id {@code i + 1} goes
   * to the target keys {@code targets.get(i)}.
   */
  void write(List<String> eventIds, List<List<String>> targets, int deliveriesPerTransaction)
      throws SQLException {
    long now = System.currentTimeMillis();
    int inTransaction = 0;
    for (int i = 0; i < eventIds.size(); i++) {
      for (String target : targets.get(i)) {
        delivery.setLong(1, i + 1);
        delivery.setString(2, eventIds.get(i));
        delivery.setString(3, target);
        delivery.setLong(4, now);
        delivery.setLong(5, now);
        delivery.setLong(6, now);
        delivery.addBatch();
        inTransaction++;
      }
      if (inTransaction >= deliveriesPerTransaction || i == eventIds.size() - 1) {
        delivery.executeBatch();
        cursor.setLong(1, i + 1);
        cursor.executeUpdate();
        connection.commit();
        inTransaction = 0;
      }
    }
  }

  @Override
  public void close() throws SQLException {
    delivery.close();
    cursor.close();
    connection.close();
  }
}
