package dev.herald.host;

/** {@link AdminAuthContract} on PostgreSQL. */
class PostgresAdminAuthIT extends AdminAuthContract {

  PostgresAdminAuthIT() {
    super(TestDatabase.postgres());
  }
}
