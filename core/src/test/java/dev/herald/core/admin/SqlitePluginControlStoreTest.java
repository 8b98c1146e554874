package dev.herald.core.admin;

import dev.herald.core.store.Database;
import dev.herald.core.store.SqliteDatabase;
import java.nio.file.Path;

class SqlitePluginControlStoreTest extends PluginControlStoreContract {

  @Override
  protected Database open(Path folder) {
    return SqliteDatabase.open(folder.resolve("herald.db"));
  }
}
