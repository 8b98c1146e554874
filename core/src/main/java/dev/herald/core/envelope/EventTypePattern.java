package dev.herald.core.envelope;

import static java.util.Objects.requireNonNull;

/**
 * Selects event types: an exact type ({@code user.created}), every type under a prefix ({@code
 * user.*} matches {@code user.created} and {@code user.role.assigned}), or every type ({@code *}).
 */
public final class EventTypePattern {

  private static final String ALL = "*";
  private static final String WILDCARD_SUFFIX = ".*";

  private final String text;
  private final String prefix; // "user." for "user.*", "" for "*", null for an exact type

  private EventTypePattern(String text, String prefix) {
    this.text = text;
    this.prefix = prefix;
  }

  /**
   * Parses a pattern.
   *
   * @throws IllegalArgumentException naming the pattern and what is wrong with it
   */
  public static EventTypePattern parse(String text) {
    requireNonNull(text, "pattern");
    if (text.equals(ALL)) {
      return new EventTypePattern(text, "");
    }
    String type = text.endsWith(WILDCARD_SUFFIX) ? text.substring(0, text.length() - 2) : text;
    if (EventTypes.problem(type) != null) {
      throw new IllegalArgumentException(
          "event type pattern: "
              + (text.isEmpty() ? "empty" : FieldViolation.quote(text))
              + " (expected: an event type like user.created of at most "
              + EventTypes.MAX_LENGTH
              + " characters, a prefix wildcard like user.*, or *)");
    }
    return type.equals(text)
        ? new EventTypePattern(text, null)
        : new EventTypePattern(text, type + ".");
  }

  /** Returns whether the given event type is selected. */
  public boolean matches(String eventType) {
    requireNonNull(eventType, "eventType");
    return prefix == null ? text.equals(eventType) : eventType.startsWith(prefix);
  }

  /** Returns the pattern as written. */
  public String text() {
    return text;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EventTypePattern other && text.equals(other.text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }
}
