package dev.herald.host;

/** {@link ApiKeysContract} on PostgreSQL. */
class PostgresApiKeysIT extends ApiKeysContract {

  PostgresApiKeysIT() {
    super(TestDatabase.postgres());
  }
}
