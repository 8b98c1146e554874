package dev.herald.core.admin;

import dev.herald.core.store.Database;
import dev.herald.core.store.SqliteDatabase;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.sqlite.SQLiteDataSource;

class SqliteEventSearchTest extends EventSearchContract {

  @Override
  protected Database open(Path folder) {
    return SqliteDatabase.open(folder.resolve("herald.db"));
  }

  @Override
  protected DataSource dataSource(Path folder) {
    SQLiteDataSource dataSource = new SQLiteDataSource();
    dataSource.setUrl("jdbc:sqlite:" + folder.resolve("herald.db").toAbsolutePath());
    return dataSource;
  }

  @Override
  protected String vendor() {
    return "sqlite";
  }
}
