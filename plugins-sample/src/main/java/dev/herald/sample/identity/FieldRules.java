package dev.herald.sample.identity;

/**
 * The rules request fields keep; a broken rule names the field, e.g. {@code username: 'a b'
 * (expected: 1 to 64 characters, no spaces)}, and is answered with 400.
 */
final class FieldRules {

  private static final int MAX_IDENTIFIER = 64;
  private static final int MAX_TEXT = 256;

  private FieldRules() {}

  /** Returns {@code value}, a required name without spaces, e.g. a username or a permission. */
  static String identifier(String field, String value) {
    boolean valid = value != null && !value.isEmpty() && value.length() <= MAX_IDENTIFIER;
    for (int i = 0; valid && i < value.length(); i++) {
      valid = !Character.isWhitespace(value.charAt(i)) && !Character.isISOControl(value.charAt(i));
    }
    if (!valid) {
      throw broken(field, value, "1 to " + MAX_IDENTIFIER + " characters, no spaces");
    }
    return value;
  }

  /** Returns {@code value}, a required name that may hold spaces, e.g. a group's name. */
  static String name(String field, String value) {
    if (value == null || value.isBlank()) {
      throw broken(field, value, "a name");
    }
    return text(field, value);
  }

  /** Returns {@code value}, or "" for null: optional text such as a description. */
  static String text(String field, String value) {
    if (value == null) {
      return "";
    }
    if (value.length() > MAX_TEXT || value.chars().anyMatch(Character::isISOControl)) {
      throw broken(field, value, "at most " + MAX_TEXT + " characters, no control characters");
    }
    return value;
  }

  /** Returns {@code value}, or "" for null: an optional e-mail address. */
  static String email(String field, String value) {
    String email = text(field, value);
    int at = email.indexOf('@');
    if (!email.isEmpty() && (at < 1 || at != email.lastIndexOf('@') || at == email.length() - 1)) {
      throw broken(field, value, "an address like ada@example.com");
    }
    return email;
  }

  private static IllegalArgumentException broken(String field, String value, String expected) {
    String shown = value == null ? "missing" : "'" + value + "'";
    return new IllegalArgumentException(field + ": " + shown + " (expected: " + expected + ")");
  }
}
