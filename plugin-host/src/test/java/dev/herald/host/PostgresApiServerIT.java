package dev.herald.host;

/** {@link ApiServerContract} on PostgreSQL. */
class PostgresApiServerIT extends ApiServerContract {

  PostgresApiServerIT() {
    super(TestDatabase.postgres());
  }
}
