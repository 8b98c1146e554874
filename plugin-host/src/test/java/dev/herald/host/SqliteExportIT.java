package dev.herald.host;

/** {@link ExportContract} on SQLite. */
class SqliteExportIT extends ExportContract {

  SqliteExportIT() {
    super(TestDatabase.sqlite());
  }
}
