package dev.herald.sample.identity;

import java.nio.file.Path;

/** {@link IdentityServiceContract} on SQLite: identity.db in the test's folder. */
class SqliteIdentityServiceIT extends IdentityServiceContract {

  @Override
  protected IdentitySettings settings(Path folder) {
    return new IdentitySettings(folder.resolve("identity.db"), 0, "acme");
  }
}
