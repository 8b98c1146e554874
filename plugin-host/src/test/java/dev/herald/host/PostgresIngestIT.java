package dev.herald.host;

/** {@link IngestContract} on PostgreSQL. */
class PostgresIngestIT extends IngestContract {

  PostgresIngestIT() {
    super(TestDatabase.postgres());
  }
}
