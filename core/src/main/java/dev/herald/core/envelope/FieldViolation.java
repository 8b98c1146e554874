package dev.herald.core.envelope;

import static java.util.Objects.requireNonNull;

/**
 * One thing wrong with an envelope: the field, by its proto name ({@code event_id}, {@code
 * actor.id}, {@code attributes["Bad Key"]}), and why, e.g. {@code empty (expected: a UUIDv7)}.
 */
public record FieldViolation(String field, String reason) {

  private static final int MAX_SHOWN_LENGTH = 64;

  /** Creates a violation of the named field. */
  public FieldViolation {
    requireNonNull(field, "field");
    requireNonNull(reason, "reason");
  }

  /**
   * Returns {@code value} in single quotes, fit for a reason: control characters, quotes and
   * backslashes escaped, and cut to 64 chars so a huge or hostile value cannot flood a log.
   */
  static String quote(String value) {
    return "'" + escape(value) + "'";
  }

  /** Returns {@code value} with control characters, quotes and backslashes escaped, cut to 64. */
  static String escape(String value) {
    int end = Math.min(value.length(), MAX_SHOWN_LENGTH);
    if (end < value.length() && Character.isHighSurrogate(value.charAt(end - 1))) {
      end--;
    }
    StringBuilder out = new StringBuilder(end + 8);
    for (int i = 0; i < end; i++) {
      char c = value.charAt(i);
      if (Character.isISOControl(c)) {
        out.append(String.format("\\u%04x", (int) c));
      } else if (c == '\'' || c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else {
        out.append(c);
      }
    }
    if (end < value.length()) {
      out.append("...");
    }
    return out.toString();
  }

  /** Returns {@code field: reason}. */
  @Override
  public String toString() {
    return field + ": " + reason;
  }
}
