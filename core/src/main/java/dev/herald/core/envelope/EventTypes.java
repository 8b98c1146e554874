package dev.herald.core.envelope;

import java.util.regex.Pattern;

/** The syntax of event types: lowercase dot-separated segments, e.g. {@code user.role.assigned}. */
public final class EventTypes {

  /** The longest accepted event type. */
  public static final int MAX_LENGTH = 128;

  private static final Pattern SYNTAX = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*");

  private EventTypes() {}

  /**
   * Returns why {@code type} is not a valid event type, or null when it is valid.
   */
  public static String problem(String type) {
    if (type == null || type.isEmpty()) {
      return "empty (expected: lowercase dot-separated words, e.g. user.created)";
    }
    if (type.length() > MAX_LENGTH) {
      return type.length() + " characters (expected: at most " + MAX_LENGTH + ")";
    }
    if (!SYNTAX.matcher(type).matches()) {
      return "'" + type + "' (expected: lowercase dot-separated words of [a-z0-9_], e.g. user.created)";
    }
    return null;
  }
}
