package dev.herald.core.envelope;

/** The syntax of event types: lowercase dot-separated segments, e.g. {@code user.role.assigned}. */
public final class EventTypes {

  /** The longest accepted event type. */
  public static final int MAX_LENGTH = 128;

  private EventTypes() {}

  /** Returns why {@code type} is not a valid event type, or null when it is valid. */
  public static String problem(String type) {
    if (type == null || type.isEmpty()) {
      return "empty (expected: lowercase dot-separated words, e.g. user.created)";
    }
    if (type.length() > MAX_LENGTH) {
      return type.length() + " characters (expected: at most " + MAX_LENGTH + ")";
    }
    if (!isWellFormed(type)) {
      return FieldViolation.quote(type)
          + " (expected: lowercase dot-separated words of [a-z0-9_], e.g. user.created)";
    }
    return null;
  }

  // [a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*, without a regex: this runs on every publish.
  private static boolean isWellFormed(String type) {
    boolean segmentStart = true;
    for (int i = 0; i < type.length(); i++) {
      char c = type.charAt(i);
      if (segmentStart) {
        if (c < 'a' || c > 'z') {
          return false;
        }
        segmentStart = false;
      } else if (c == '.') {
        segmentStart = true;
      } else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
        return false;
      }
    }
    return !segmentStart;
  }
}
