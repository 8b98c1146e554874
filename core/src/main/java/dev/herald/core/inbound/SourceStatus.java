package dev.herald.core.inbound;

import java.util.Locale;

/** Whether a source's requests are accepted; paused and disabled sources answer as unknown. */
public enum SourceStatus {
  /** Requests are verified and accepted. */
  ACTIVE,
  /** Held by an operator. */
  PAUSED,
  /** Turned off in the configuration, or removed from it. */
  DISABLED;

  /** Returns the stored form. */
  public String dbValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses the stored form. */
  public static SourceStatus fromDb(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
