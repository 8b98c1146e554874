package dev.herald.core.admin;

import static java.util.Objects.requireNonNull;

import dev.herald.core.store.Database;
import java.time.Clock;
import java.util.Set;

/** Which plugins an operator paused, stored so that a pause holds across restarts and nodes. */
public final class PluginControls {

  private final Database database;
  private final PluginControlStore store;
  private final Clock clock;

  /** Creates the controls on the given database. */
  public PluginControls(Database database, PluginControlStore store, Clock clock) {
    this.database = requireNonNull(database, "database");
    this.store = requireNonNull(store, "store");
    this.clock = requireNonNull(clock, "clock");
  }

  /** Returns the ids of the paused plugins. */
  public Set<String> paused() {
    return database.read(store::paused);
  }

  /** Stores whether a plugin is paused. */
  public void setPaused(String pluginId, boolean paused) {
    requireNonNull(pluginId, "pluginId");
    database.write(
        tx -> {
          store.setPaused(tx, pluginId, paused, clock.instant());
          return null;
        });
  }
}
