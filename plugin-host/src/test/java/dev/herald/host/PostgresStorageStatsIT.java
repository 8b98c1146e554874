package dev.herald.host;

/** {@link StorageStatsContract} on PostgreSQL. */
class PostgresStorageStatsIT extends StorageStatsContract {

  PostgresStorageStatsIT() {
    super(TestDatabase.postgres());
  }
}
