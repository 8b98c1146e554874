package dev.herald.host.plugin;

/** A plugin could not be started or connected; {@link #permanent()} ones are not retried. */
final class PluginStartException extends Exception {

  private static final long serialVersionUID = 1L;

  private final boolean permanent;

  PluginStartException(String message, boolean permanent) {
    super(message);
    this.permanent = permanent;
  }

  PluginStartException(String message, Throwable cause) {
    super(message, cause);
    this.permanent = false;
  }

  boolean permanent() {
    return permanent;
  }
}
