package dev.herald.core.apikey;

import dev.herald.core.store.Database;
import dev.herald.core.store.PostgresDatabase;
import dev.herald.core.testing.TestPostgres;
import java.nio.file.Path;

class PostgresApiKeyStoreIT extends ApiKeyStoreContract {

  @Override
  protected Database open(Path folder) {
    return PostgresDatabase.open(TestPostgres.freshDatabase());
  }
}
