package dev.herald.core.admin;

import dev.herald.core.store.Database;
import dev.herald.core.store.PostgresDatabase;
import dev.herald.core.store.PostgresSettings;
import dev.herald.core.testing.TestPostgres;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

class PostgresEventSearchIT extends EventSearchContract {

  private PostgresSettings settings;

  private PostgresSettings settings() {
    if (settings == null) {
      settings = TestPostgres.freshDatabase();
    }
    return settings;
  }

  @Override
  protected Database open(Path folder) {
    return PostgresDatabase.open(settings());
  }

  @Override
  protected DataSource dataSource(Path folder) {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setUrl(settings().url());
    dataSource.setUser(settings().user());
    return dataSource;
  }

  @Override
  protected String vendor() {
    return "postgresql";
  }
}
