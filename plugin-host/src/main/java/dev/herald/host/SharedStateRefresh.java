package dev.herald.host;

import static java.util.Objects.requireNonNull;

import dev.herald.core.admin.PluginControls;
import dev.herald.core.webhook.WebhookDirectory;
import dev.herald.host.plugin.PluginDirectory;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-reads, every poll interval, what another node sharing the database may have changed: webhook
 * endpoints (a pause, a resume, an API change, a 410, an auto-disable) and plugin pauses and
 * auto-disables; wakes the router when something did. A node's own changes are applied at once;
 * this brings in everyone else's.
 */
final class SharedStateRefresh implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SharedStateRefresh.class);

  private final WebhookDirectory webhooks;
  private final PluginControls pluginControls;
  private final PluginDirectory plugins;
  private final Runnable changed;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          task -> Thread.ofPlatform().daemon().name("herald-shared-state").unstarted(task));

  SharedStateRefresh(
      WebhookDirectory webhooks,
      PluginControls pluginControls,
      PluginDirectory plugins,
      Runnable changed) {
    this.webhooks = requireNonNull(webhooks, "webhooks");
    this.pluginControls = requireNonNull(pluginControls, "pluginControls");
    this.plugins = requireNonNull(plugins, "plugins");
    this.changed = requireNonNull(changed, "changed");
  }

  /** Refreshes every {@code interval} until closed. */
  void start(Duration interval) {
    long millis = interval.toMillis();
    timer.scheduleWithFixedDelay(this::refreshQuietly, millis, millis, TimeUnit.MILLISECONDS);
  }

  /** Reads the shared state once; returns whether anything changed. */
  boolean refresh() {
    boolean endpointsChanged = webhooks.refresh();
    boolean pluginsChanged = plugins.reload(pluginControls::paused, pluginControls::disabled);
    if (endpointsChanged || pluginsChanged) {
      changed.run();
      return true;
    }
    return false;
  }

  private void refreshQuietly() {
    try {
      refresh();
    } catch (RuntimeException e) {
      log.warn("Reading endpoints and plugin pauses failed; trying again next interval", e);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
