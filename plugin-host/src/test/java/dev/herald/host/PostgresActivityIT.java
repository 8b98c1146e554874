package dev.herald.host;

/** {@link ActivityContract} on PostgreSQL. */
class PostgresActivityIT extends ActivityContract {

  PostgresActivityIT() {
    super(TestDatabase.postgres());
  }
}
