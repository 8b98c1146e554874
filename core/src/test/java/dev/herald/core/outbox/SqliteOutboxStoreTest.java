package dev.herald.core.outbox;

import dev.herald.core.store.Database;
import dev.herald.core.store.SqliteDatabase;
import java.nio.file.Path;

class SqliteOutboxStoreTest extends OutboxStoreContract {

  @Override
  protected Database open(Path folder) {
    return SqliteDatabase.open(folder.resolve("herald.db"));
  }
}
