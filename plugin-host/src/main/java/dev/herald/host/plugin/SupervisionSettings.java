package dev.herald.host.plugin;

import static java.util.Objects.requireNonNull;

import dev.herald.host.config.PluginsConfig;
import java.time.Duration;

/**
 * How plugins are supervised.
 *
 * @param startTimeout how long a managed plugin has to print its handshake line
 * @param healthInterval how often each plugin's health is checked (also the check's deadline)
 * @param restartInitialBackoff the wait before the first restart; doubled each time
 * @param restartMaxBackoff the longest wait between restarts
 * @param maxRestarts consecutive failed starts after which a managed plugin is FAILED
 * @param shutdownGrace how long a plugin has to exit after SIGTERM before it is killed
 */
public record SupervisionSettings(
    Duration startTimeout,
    Duration healthInterval,
    Duration restartInitialBackoff,
    Duration restartMaxBackoff,
    int maxRestarts,
    Duration shutdownGrace) {

  public SupervisionSettings {
    requireNonNull(startTimeout, "startTimeout");
    requireNonNull(healthInterval, "healthInterval");
    requireNonNull(restartInitialBackoff, "restartInitialBackoff");
    requireNonNull(restartMaxBackoff, "restartMaxBackoff");
    requireNonNull(shutdownGrace, "shutdownGrace");
    if (maxRestarts < 0) {
      throw new IllegalArgumentException("maxRestarts: " + maxRestarts + " (expected: >= 0)");
    }
  }

  /** Returns the supervision the config file's {@code plugins} section asks for. */
  public static SupervisionSettings of(PluginsConfig plugins) {
    return new SupervisionSettings(
        plugins.startTimeout(),
        plugins.healthInterval(),
        plugins.restartBackoff().initial(),
        plugins.restartBackoff().max(),
        plugins.maxRestarts(),
        plugins.shutdownGrace());
  }

  /** Returns the wait before restart number {@code failures} (1-based): doubling, capped. */
  Duration backoff(int failures) {
    Duration wait = restartInitialBackoff;
    for (int i = 1; i < failures && wait.compareTo(restartMaxBackoff) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(restartMaxBackoff) > 0 ? restartMaxBackoff : wait;
  }
}
