package dev.herald.host.plugin;

/** Where a plugin stands; only SERVING plugins have their deliveries claimed. */
public enum PluginState {
  /** Being started or connected; deliveries wait. */
  STARTING,
  /** Healthy: deliveries flow. */
  SERVING,
  /** Up but not serving (health check failed or said NOT_SERVING); deliveries wait. */
  NOT_SERVING,
  /** Exited or unreachable; a restart is scheduled; deliveries wait. */
  RESTARTING,
  /** Gave up after too many failed starts; deliveries wait until the plugin is reloaded. */
  FAILED,
  /** Shut down with the host. */
  STOPPED
}
