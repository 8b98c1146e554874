package dev.herald.bench;

import dev.herald.core.store.PostgresDatabase;
import dev.herald.core.store.PostgresSettings;
import dev.herald.core.store.SqliteDatabase;
import dev.herald.proto.event.v1.EventEnvelope;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.sqlite.SQLiteConfig;

/**
 * The storage floor of a delivery: the rows Herald writes for one event delivered once to one
 * target — the outbox row, the delivery row, its claim, the attempt log and the outcome — written
 * with plain sqlite-jdbc prepared batches into Herald's own schema, every statement of 100 events
 * in one transaction. No jOOQ, no threads, no network: what SQLite alone allows. On PostgreSQL the
 * same rows plus the outbox's routing queue (each event queued by the schema's trigger as it is
 * inserted, and taken off by one delete per batch as the router does), through pgjdbc with {@code
 * reWriteBatchedInserts}: what the PostgreSQL server alone allows, over one connection.
 */
final class RawDeliveryRows implements AutoCloseable {

  private final Connection connection;
  private final PreparedStatement outbox;
  private final PreparedStatement delivery;
  private final PreparedStatement claim;
  private final PreparedStatement log;
  private final PreparedStatement outcome;
  private final PreparedStatement routed; // null on SQLite, which routes by cursor

  private RawDeliveryRows(Connection connection, boolean routingQueue) throws SQLException {
    this.connection = connection;
    connection.setAutoCommit(false);
    this.outbox =
        connection.prepareStatement(
            "INSERT INTO event_outbox (event_id, event_type, event_version, realm_id, occurred_at,"
                + " envelope, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
    this.delivery =
        connection.prepareStatement(
            "INSERT INTO deliveries (outbox_id, event_id, target, status, next_attempt_at,"
                + " created_at, updated_at) VALUES (?, ?, 'plugin:bench', 'pending', ?, ?, ?)");
    this.claim =
        connection.prepareStatement(
            "UPDATE deliveries SET status = 'in_flight', lease_owner = 'raw', lease_until = ?,"
                + " next_attempt_at = ?, updated_at = ? WHERE id = ?");
    this.log =
        connection.prepareStatement(
            "INSERT INTO delivery_logs (delivery_id, attempt, started_at, latency_micros, outcome,"
                + " grpc_code) VALUES (?, 1, ?, 250, 'succeeded', 'OK')");
    this.outcome =
        connection.prepareStatement(
            "UPDATE deliveries SET status = 'succeeded', attempt_count = 1, lease_owner = NULL,"
                + " lease_until = NULL, updated_at = ? WHERE id = ?");
    this.routed =
        routingQueue
            ? connection.prepareStatement("DELETE FROM outbox_unrouted WHERE outbox_id = ANY (?)")
            : null;
  }

  /** Creates Herald's schema in a fresh {@code file} (through Herald's migrations), opened raw. */
  static RawDeliveryRows create(Path file) throws SQLException {
    SqliteDatabase.open(file).close();
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    return new RawDeliveryRows(
        config.createConnection("jdbc:sqlite:" + file.toAbsolutePath()), false);
  }

  /**
   * Creates Herald's schema in a fresh PostgreSQL database (through its migrations), opened raw.
   */
  static RawDeliveryRows create(PostgresSettings settings) throws SQLException {
    PostgresDatabase.open(settings).close();
    return new RawDeliveryRows(BenchPostgres.connect(settings, "reWriteBatchedInserts=true"), true);
  }

  /**
   * Writes every row of one delivery per event, {@code eventsPerTransaction} events per commit. Row
   * ids are 1, 2, ... in a fresh file, so no statement reads anything back.
   */
  void write(List<EventEnvelope> events, int eventsPerTransaction) throws SQLException {
    long now = System.currentTimeMillis();
    for (int from = 0; from < events.size(); from += eventsPerTransaction) {
      List<EventEnvelope> batch =
          events.subList(from, Math.min(events.size(), from + eventsPerTransaction));
      for (EventEnvelope event : batch) {
        outbox.setString(1, event.getEventId());
        outbox.setString(2, event.getEventType());
        outbox.setLong(3, event.getEventVersion());
        outbox.setString(4, event.getRealmId());
        outbox.setLong(5, event.getOccurredAt().getSeconds() * 1000);
        outbox.setBytes(6, event.toByteArray());
        outbox.setLong(7, now);
        outbox.addBatch();
      }
      outbox.executeBatch();
      if (routed != null) {
        Long[] ids = new Long[batch.size()];
        for (int i = 0; i < ids.length; i++) {
          ids[i] = (long) from + i + 1;
        }
        routed.setArray(1, connection.createArrayOf("bigint", ids));
        routed.executeUpdate();
      }
      for (int i = 0; i < batch.size(); i++) {
        long id = from + i + 1;
        delivery.setLong(1, id);
        delivery.setString(2, batch.get(i).getEventId());
        delivery.setLong(3, now);
        delivery.setLong(4, now);
        delivery.setLong(5, now);
        delivery.addBatch();
      }
      delivery.executeBatch();
      for (int i = 0; i < batch.size(); i++) {
        long id = from + i + 1;
        claim.setLong(1, now + 120_000);
        claim.setLong(2, now + 120_000);
        claim.setLong(3, now);
        claim.setLong(4, id);
        claim.addBatch();
        log.setLong(1, id);
        log.setLong(2, now);
        log.addBatch();
        outcome.setLong(1, now);
        outcome.setLong(2, id);
        outcome.addBatch();
      }
      claim.executeBatch();
      log.executeBatch();
      outcome.executeBatch();
      connection.commit();
    }
  }

  @Override
  public void close() throws SQLException {
    for (PreparedStatement statement : List.of(outbox, delivery, claim, log, outcome)) {
      statement.close();
    }
    if (routed != null) {
      routed.close();
    }
    connection.close();
  }
}
