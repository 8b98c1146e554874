package dev.herald.host;

/** {@link ApiServerContract} on SQLite. */
class SqliteApiServerIT extends ApiServerContract {

  SqliteApiServerIT() {
    super(TestDatabase.sqlite());
  }
}
