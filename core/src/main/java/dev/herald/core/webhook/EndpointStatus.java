package dev.herald.core.webhook;

/**
 * Whether an endpoint's deliveries are claimed. Paused and disabled endpoints keep theirs pending.
 */
public enum EndpointStatus {
  /** Deliveries flow. */
  ACTIVE,
  /** Held by an operator; deliveries accumulate and drain on resume. */
  PAUSED,
  /** Turned off, by configuration or because the endpoint answered 410 Gone. */
  DISABLED;

  /** Returns the stored form. */
  public String dbValue() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Parses the stored form. */
  public static EndpointStatus fromDb(String value) {
    return valueOf(value.toUpperCase(java.util.Locale.ROOT));
  }
}
