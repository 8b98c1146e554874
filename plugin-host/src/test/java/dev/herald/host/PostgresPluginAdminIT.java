package dev.herald.host;

/** {@link PluginAdminContract} on PostgreSQL. */
class PostgresPluginAdminIT extends PluginAdminContract {

  PostgresPluginAdminIT() {
    super(TestDatabase.postgres());
  }
}
