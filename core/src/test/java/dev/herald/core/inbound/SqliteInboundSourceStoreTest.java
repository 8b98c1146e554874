package dev.herald.core.inbound;

import dev.herald.core.store.Database;
import dev.herald.core.store.SqliteDatabase;
import java.nio.file.Path;

class SqliteInboundSourceStoreTest extends InboundSourceStoreContract {

  @Override
  protected Database open(Path folder) {
    return SqliteDatabase.open(folder.resolve("herald.db"));
  }
}
