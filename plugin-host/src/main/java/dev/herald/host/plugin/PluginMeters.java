package dev.herald.host.plugin;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Plugins as meters: the state each one is in (1 for its state, 0 for the others) and the restarts
 * scheduled for it. Rows follow the plugins the directory holds; {@link #refresh()} updates them,
 * so call it before each scrape.
 */
public final class PluginMeters {

  private final MeterRegistry registry;
  private final PluginDirectory directory;
  private final MultiGauge states;
  private final Set<String> counted = ConcurrentHashMap.newKeySet();

  /** Registers the state gauge; rows and restart counters appear on {@link #refresh()}. */
  public PluginMeters(MeterRegistry registry, PluginDirectory directory) {
    this.registry = requireNonNull(registry, "registry");
    this.directory = requireNonNull(directory, "directory");
    this.states =
        MultiGauge.builder("herald.plugin.state")
            .description("1 for the state the plugin is in")
            .register(registry);
  }

  /** Updates the state rows and adds a restart counter for each plugin seen for the first time. */
  public void refresh() {
    List<MultiGauge.Row<?>> rows = new ArrayList<>();
    for (Map.Entry<String, PluginDirectory.Entry> plugin : directory.all().entrySet()) {
      String id = plugin.getKey();
      for (PluginState state : PluginState.values()) {
        rows.add(
            MultiGauge.Row.of(
                Tags.of("plugin", id, "state", state.name().toLowerCase(Locale.ROOT)),
                plugin.getValue().state() == state ? 1 : 0));
      }
      if (counted.add(id)) {
        FunctionCounter.builder("herald.plugin.restarts", directory, d -> d.restarts(id))
            .description("Restarts scheduled for the plugin since the host started")
            .tag("plugin", id)
            .register(registry);
      }
    }
    states.register(rows, true);
  }
}
