package dev.herald.host;

/** {@link ActivityContract} on SQLite. */
class SqliteActivityIT extends ActivityContract {

  SqliteActivityIT() {
    super(TestDatabase.sqlite());
  }
}
