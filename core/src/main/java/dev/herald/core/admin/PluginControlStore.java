package dev.herald.core.admin;

import java.time.Instant;
import java.util.Set;
import org.jooq.DSLContext;

/** The {@code plugin_controls} table: which plugins an operator paused, and its only writer. */
public interface PluginControlStore {

  /** Returns the ids of the paused plugins. */
  Set<String> paused(DSLContext ctx);

  /** Stores whether a plugin is paused. */
  void setPaused(DSLContext tx, String pluginId, boolean paused, Instant now);
}
