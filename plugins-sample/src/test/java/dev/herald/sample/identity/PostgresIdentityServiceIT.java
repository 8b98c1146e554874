package dev.herald.sample.identity;

import dev.herald.core.store.PostgresSettings;
import dev.herald.core.testing.TestPostgres;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@link IdentityServiceContract} on PostgreSQL: a fresh database on the embedded server, set as
 * {@code IDENTITY_DATABASE_URL} sets it, the role in the URL.
 */
class PostgresIdentityServiceIT extends IdentityServiceContract {

  private IdentitySettings settings;

  @Override
  protected IdentitySettings settings(Path folder) {
    if (settings == null) {
      PostgresSettings fresh = TestPostgres.freshDatabase();
      settings =
          IdentitySettings.fromEnvironment(
              Map.of(
                  IdentitySettings.DATABASE_URL,
                  fresh.url() + "?user=" + fresh.user(),
                  IdentitySettings.PORT,
                  "0"));
    }
    return settings;
  }
}
