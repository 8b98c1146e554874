package dev.herald.host;

/** {@link ExportContract} on PostgreSQL. */
class PostgresExportIT extends ExportContract {

  PostgresExportIT() {
    super(TestDatabase.postgres());
  }
}
