package dev.herald.host.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where plugin manifests live and how plugins are supervised.
 *
 * @param directory the folder of {@code *.plugin.yaml}, {@code *.plugin.yml} and {@code
 *     *.plugin.json} manifests; a missing folder means no plugins
 * @param startTimeout how long a managed plugin has to print its handshake line
 * @param healthInterval how often each plugin's health is checked
 * @param restartBackoff the waits between restarts of a managed plugin
 * @param maxRestarts consecutive failed starts after which a managed plugin is FAILED
 * @param shutdownGrace how long a plugin has to exit after SIGTERM before it is killed
 */
public record PluginsConfig(
    Path directory,
    Duration startTimeout,
    Duration healthInterval,
    RestartBackoff restartBackoff,
    int maxRestarts,
    Duration shutdownGrace) {

  /** The default manifest folder, relative to the working directory. */
  public static final Path DEFAULT_DIRECTORY = Path.of("plugins");

  public PluginsConfig {
    requireNonNull(directory, "directory");
    requireNonNull(startTimeout, "startTimeout");
    requireNonNull(healthInterval, "healthInterval");
    requireNonNull(restartBackoff, "restartBackoff");
    requireNonNull(shutdownGrace, "shutdownGrace");
  }

  /**
   * Returns the defaults: manifests in {@code ./plugins}, 10 s to start, health every 2 s, restarts
   * after 1 s doubling up to 30 s, FAILED after 5 failed starts, 5 s to shut down.
   */
  public static PluginsConfig ofDefaults() {
    return new PluginsConfig(
        DEFAULT_DIRECTORY,
        Duration.ofSeconds(10),
        Duration.ofSeconds(2),
        RestartBackoff.ofDefaults(),
        5,
        Duration.ofSeconds(5));
  }

  /**
   * The wait before restarting a managed plugin: {@code initial}, doubled after each failed start,
   * capped at {@code max}.
   *
   * @param initial the first wait, above zero
   * @param max the longest wait, at least {@code initial}
   */
  public record RestartBackoff(Duration initial, Duration max) {

    public RestartBackoff {
      requireNonNull(initial, "initial");
      requireNonNull(max, "max");
    }

    /** Returns the default: 1 s, doubling up to 30 s. */
    public static RestartBackoff ofDefaults() {
      return new RestartBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30));
    }
  }
}
