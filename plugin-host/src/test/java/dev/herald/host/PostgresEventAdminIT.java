package dev.herald.host;

/** {@link EventAdminContract} on PostgreSQL. */
class PostgresEventAdminIT extends EventAdminContract {

  PostgresEventAdminIT() {
    super(TestDatabase.postgres());
  }
}
