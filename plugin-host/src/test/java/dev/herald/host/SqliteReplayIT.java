package dev.herald.host;

/** {@link ReplayContract} on SQLite. */
class SqliteReplayIT extends ReplayContract {

  SqliteReplayIT() {
    super(TestDatabase.sqlite());
  }
}
