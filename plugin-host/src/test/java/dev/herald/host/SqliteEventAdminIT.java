package dev.herald.host;

/** {@link EventAdminContract} on SQLite. */
class SqliteEventAdminIT extends EventAdminContract {

  SqliteEventAdminIT() {
    super(TestDatabase.sqlite());
  }
}
