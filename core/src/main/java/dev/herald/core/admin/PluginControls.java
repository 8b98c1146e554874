package dev.herald.core.admin;

import static dev.herald.core.store.jooq.Tables.PLUGIN_CONTROLS;
import static java.util.Objects.requireNonNull;

import dev.herald.core.store.Database;
import java.time.Clock;
import java.util.Set;

/** Which plugins an operator paused, stored so that a pause holds across restarts. */
public final class PluginControls {

  private final Database database;
  private final Clock clock;

  /** Creates the controls on the given database. */
  public PluginControls(Database database, Clock clock) {
    this.database = requireNonNull(database, "database");
    this.clock = requireNonNull(clock, "clock");
  }

  /** Returns the ids of the paused plugins. */
  public Set<String> paused() {
    return database.read(
        ctx ->
            Set.copyOf(
                ctx.select(PLUGIN_CONTROLS.PLUGIN_ID)
                    .from(PLUGIN_CONTROLS)
                    .where(PLUGIN_CONTROLS.PAUSED.eq(1L))
                    .fetch(PLUGIN_CONTROLS.PLUGIN_ID)));
  }

  /** Stores whether a plugin is paused. */
  public void setPaused(String pluginId, boolean paused) {
    requireNonNull(pluginId, "pluginId");
    long now = clock.millis();
    long flag = paused ? 1L : 0L;
    database.write(
        tx ->
            tx.insertInto(PLUGIN_CONTROLS)
                .set(PLUGIN_CONTROLS.PLUGIN_ID, pluginId)
                .set(PLUGIN_CONTROLS.PAUSED, flag)
                .set(PLUGIN_CONTROLS.UPDATED_AT, now)
                .onConflict(PLUGIN_CONTROLS.PLUGIN_ID)
                .doUpdate()
                .set(PLUGIN_CONTROLS.PAUSED, flag)
                .set(PLUGIN_CONTROLS.UPDATED_AT, now)
                .execute());
  }
}
