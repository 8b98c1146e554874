package dev.herald.core.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Makes a new SQLite file give space back: {@code auto_vacuum = INCREMENTAL} lets retention return
 * freed pages to the file system a few at a time ({@code PRAGMA incremental_vacuum}). SQLite
 * accepts the mode only before the first table is created (or with a full {@code VACUUM}), so it is
 * set when the file holds no table yet, before the migrations run. An existing file keeps its mode:
 * its freed pages are reused by new rows (the file stops growing) but not returned; the README says
 * how to convert it offline.
 */
final class SqliteAutoVacuum {

  private SqliteAutoVacuum() {}

  static void enableOnNewFile(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      if (hasTables(statement)) {
        return;
      }
      statement.execute("PRAGMA auto_vacuum = INCREMENTAL");
      // The file may already exist with its header (WAL mode is set on connecting): VACUUM
      // rewrites the empty file in the new mode, at no cost.
      statement.execute("VACUUM");
    } catch (SQLException e) {
      throw new DatabaseException("cannot set auto_vacuum on a new database: " + e.getMessage(), e);
    }
  }

  private static boolean hasTables(Statement statement) throws SQLException {
    try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM sqlite_schema")) {
      rows.next();
      return rows.getLong(1) > 0;
    }
  }
}
