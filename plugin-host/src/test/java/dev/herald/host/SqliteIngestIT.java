package dev.herald.host;

/** {@link IngestContract} on SQLite. */
class SqliteIngestIT extends IngestContract {

  SqliteIngestIT() {
    super(TestDatabase.sqlite());
  }
}
