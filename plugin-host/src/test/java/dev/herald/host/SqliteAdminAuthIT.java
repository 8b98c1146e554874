package dev.herald.host;

/** {@link AdminAuthContract} on SQLite. */
class SqliteAdminAuthIT extends AdminAuthContract {

  SqliteAdminAuthIT() {
    super(TestDatabase.sqlite());
  }
}
