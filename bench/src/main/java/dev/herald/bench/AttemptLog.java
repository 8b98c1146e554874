package dev.herald.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The peers' attempt log ({@code peers/attempt-log.sql}): the one row per POST that each peer's
 * task writes, in the same database as the peer's own queue, as Herald writes its delivery log.
 */
final class AttemptLog {

  static final String SCHEMA = "peers/attempt-log.sql";

  private static final String INSERT =
      "INSERT INTO peer_attempt_log (event_id, attempt, status, latency_micros, attempted_at)"
          + " VALUES (?, ?, ?, ?, ?)";

  private AttemptLog() {}

  /** Writes the row of one attempt on {@code connection}, in its transaction if one is open. */
  static void insert(Connection connection, String eventId, int attempt, SignedPost.Answer answer)
      throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
      insert.setString(1, eventId);
      insert.setInt(2, attempt);
      insert.setInt(3, answer.status());
      insert.setLong(4, answer.latencyMicros());
      insert.setLong(5, System.currentTimeMillis());
      insert.executeUpdate();
    }
  }

  /** Returns how many attempts are logged. */
  static long count(DataSource dataSource) throws SQLException {
    return PeerDatabase.count(dataSource, "SELECT COUNT(*) FROM peer_attempt_log");
  }
}
