package dev.herald.host.config;

import static java.util.Objects.requireNonNull;

/**
 * How Herald logs: to standard error, as text lines or JSON lines, from a level up.
 *
 * @param format text for people, json for log shippers (one object per line, key-value pairs such
 *     as {@code event_id} and {@code target} as fields)
 * @param level the least severe level written
 */
public record LoggingConfig(Format format, Level level) {

  /** The form of each log line. */
  public enum Format {
    TEXT,
    JSON
  }

  /** The least severe level written. */
  public enum Level {
    ERROR,
    WARN,
    INFO,
    DEBUG,
    TRACE
  }

  public LoggingConfig {
    requireNonNull(format, "format");
    requireNonNull(level, "level");
  }

  /** Returns the defaults: text lines from INFO up. */
  public static LoggingConfig ofDefaults() {
    return new LoggingConfig(Format.TEXT, Level.INFO);
  }
}
