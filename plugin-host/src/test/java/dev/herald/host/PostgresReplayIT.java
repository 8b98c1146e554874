package dev.herald.host;

/** {@link ReplayContract} on PostgreSQL. */
class PostgresReplayIT extends ReplayContract {

  PostgresReplayIT() {
    super(TestDatabase.postgres());
  }
}
