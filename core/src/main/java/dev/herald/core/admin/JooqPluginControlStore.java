package dev.herald.core.admin;

import static dev.herald.core.store.jooq.Tables.PLUGIN_CONTROLS;

import java.time.Instant;
import java.util.Set;
import org.jooq.DSLContext;

/** Stores plugin controls through jOOQ, one upsert per change. */
public final class JooqPluginControlStore implements PluginControlStore {

  @Override
  public Set<String> paused(DSLContext ctx) {
    return Set.copyOf(
        ctx.select(PLUGIN_CONTROLS.PLUGIN_ID)
            .from(PLUGIN_CONTROLS)
            .where(PLUGIN_CONTROLS.PAUSED.eq(1L))
            .fetch(PLUGIN_CONTROLS.PLUGIN_ID));
  }

  @Override
  public void setPaused(DSLContext tx, String pluginId, boolean paused, Instant now) {
    long flag = paused ? 1L : 0L;
    tx.insertInto(PLUGIN_CONTROLS)
        .set(PLUGIN_CONTROLS.PLUGIN_ID, pluginId)
        .set(PLUGIN_CONTROLS.PAUSED, flag)
        .set(PLUGIN_CONTROLS.UPDATED_AT, now.toEpochMilli())
        .onConflict(PLUGIN_CONTROLS.PLUGIN_ID)
        .doUpdate()
        .set(PLUGIN_CONTROLS.PAUSED, flag)
        .set(PLUGIN_CONTROLS.UPDATED_AT, now.toEpochMilli())
        .execute();
  }
}
