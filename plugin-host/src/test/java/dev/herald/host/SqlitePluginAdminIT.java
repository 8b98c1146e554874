package dev.herald.host;

/** {@link PluginAdminContract} on SQLite. */
class SqlitePluginAdminIT extends PluginAdminContract {

  SqlitePluginAdminIT() {
    super(TestDatabase.sqlite());
  }
}
