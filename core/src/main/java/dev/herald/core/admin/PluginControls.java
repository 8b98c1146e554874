package dev.herald.core.admin;

import static java.util.Objects.requireNonNull;

import dev.herald.core.dispatch.TargetRef;
import dev.herald.core.route.TargetHealth;
import dev.herald.core.route.TargetHealthStore;
import dev.herald.core.store.Database;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which plugins an operator paused, or Herald auto-disabled, stored so that either holds across
 * restarts and nodes.
 */
public final class PluginControls {

  private final Database database;
  private final PluginControlStore store;
  private final TargetHealthStore health;
  private final Clock clock;

  /** Creates the controls on the given database. */
  public PluginControls(
      Database database, PluginControlStore store, TargetHealthStore health, Clock clock) {
    this.database = requireNonNull(database, "database");
    this.store = requireNonNull(store, "store");
    this.health = requireNonNull(health, "health");
    this.clock = requireNonNull(clock, "clock");
  }

  /** Returns the plugins Herald auto-disabled, each with the reason. */
  public Map<String, String> disabled() {
    Map<String, String> reasons = new HashMap<>();
    for (TargetHealth target : database.read(ctx -> health.disabled(ctx, TargetRef.PLUGIN))) {
      reasons.put(target.target().id(), target.disabledReason().orElse(""));
    }
    return reasons;
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
