package dev.herald.core.logging;

/**
 * The names of the key-value pairs Herald's log lines carry where they are known (SLF4J's {@code
 * addKeyValue}); JSON logs show each as a field, text logs as {@code key="value"} after the
 * message.
 */
public final class LogKeys {

  /** The event's id. */
  public static final String EVENT_ID = "event_id";

  /** The delivery's id. */
  public static final String DELIVERY_ID = "delivery_id";

  /** The target, e.g. {@code webhook:billing}. */
  public static final String TARGET = "target";

  /** The correlation id of the request that caused the event. */
  public static final String CORRELATION_ID = "correlation_id";

  /** The event's realm; empty for the default realm. */
  public static final String REALM = "realm";

  /** How many warnings like this one were held back since the last one logged. */
  public static final String HELD_BACK = "held_back";

  private LogKeys() {}
}
