package dev.herald.host;

/** {@link ApiKeysContract} on SQLite. */
class SqliteApiKeysIT extends ApiKeysContract {

  SqliteApiKeysIT() {
    super(TestDatabase.sqlite());
  }
}
