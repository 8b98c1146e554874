package dev.herald.host;

/** {@link StorageStatsContract} on SQLite. */
class SqliteStorageStatsIT extends StorageStatsContract {

  SqliteStorageStatsIT() {
    super(TestDatabase.sqlite());
  }
}
