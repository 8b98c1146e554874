package dev.herald.core.webhook;

import dev.herald.core.store.Database;
import dev.herald.core.store.PostgresDatabase;
import dev.herald.core.store.PostgresSettings;
import dev.herald.core.testing.TestPostgres;
import java.nio.file.Path;

class PostgresWebhookSecretSealingIT extends WebhookSecretSealingContract {

  private PostgresSettings settings;

  @Override
  protected Database open(Path folder) {
    if (settings == null) {
      settings = TestPostgres.freshDatabase();
    }
    return PostgresDatabase.open(settings);
  }
}
