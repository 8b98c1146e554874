package dev.herald.core.route;

import dev.herald.core.store.Database;
import dev.herald.core.store.SqliteDatabase;
import java.nio.file.Path;

class SqliteOrderedLinesTest extends OrderedLinesContract {

  @Override
  protected Database open(Path folder) {
    return SqliteDatabase.open(folder.resolve("herald.db"));
  }
}
