package dev.herald.core.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.Stores;
import dev.herald.core.store.Database;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every plugin control store does, whatever its database; one subclass per database. */
abstract class PluginControlStoreContract {

  private static final Instant NOW = Instant.parse("2026-02-01T00:00:00Z");

  /** Opens the test's database: a new one on the first call, the same one on later calls. */
  protected abstract Database open(Path folder);

  @TempDir Path folder;

  private void setPaused(Database database, String id, boolean paused) {
    PluginControlStore store = Stores.of(database).pluginControls();
    database.write(
        tx -> {
          store.setPaused(tx, id, paused, NOW);
          return null;
        });
  }

  @Test
  void aPauseIsStoredUntilResumedAndSeenAfterAReopen() {
    try (Database database = open(folder)) {
      PluginControlStore store = Stores.of(database).pluginControls();
      assertThat(database.read(store::paused)).isEmpty();

      setPaused(database, "audit", true);
      setPaused(database, "mirror", true);
      setPaused(database, "mirror", false);
      setPaused(database, "never-paused", false);

      assertThat(database.read(store::paused)).containsExactly("audit");
    }
    try (Database reopened = open(folder)) {
      assertThat(reopened.read(Stores.of(reopened).pluginControls()::paused))
          .containsExactly("audit");
    }
  }
}
