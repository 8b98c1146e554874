package dev.herald.core.envelope;

/** An independent judge of JSON for tests: a plain recursive-descent recognizer of RFC 8259. */
final class Rfc8259Recognizer {
  private final String text;
  private int at;

  Rfc8259Recognizer(String text) {
    this.text = text;
  }

  boolean isOneValue() {
    return value() && skipWhitespace() == text.length();
  }

  private boolean value() {
    skipWhitespace();
    if (at >= text.length()) {
      return false;
    }
    return switch (text.charAt(at)) {
      case '{' -> members();
      case '[' -> elements();
      case '"' -> string();
      case 't' -> literal("true");
      case 'f' -> literal("false");
      case 'n' -> literal("null");
      default -> number();
    };
  }

  private boolean members() {
    at++;
    if (skipWhitespace() < text.length() && text.charAt(at) == '}') {
      at++;
      return true;
    }
    do {
      if (skipWhitespace() >= text.length() || text.charAt(at) != '"' || !string()) {
        return false;
      }
      if (!consume(':') || !value()) {
        return false;
      }
    } while (consume(','));
    return consume('}');
  }

  private boolean elements() {
    at++;
    if (skipWhitespace() < text.length() && text.charAt(at) == ']') {
      at++;
      return true;
    }
    do {
      if (!value()) {
        return false;
      }
    } while (consume(','));
    return consume(']');
  }

  private boolean string() {
    at++;
    while (at < text.length()) {
      char c = text.charAt(at++);
      if (c == '"') {
        return true;
      } else if (c < 0x20) {
        return false;
      } else if (c == '\\') {
        if (at >= text.length()) {
          return false;
        }
        char escaped = text.charAt(at++);
        if (escaped == 'u') {
          if (at + 4 > text.length()) {
            return false;
          }
          for (int i = 0; i < 4; i++) {
            if (Character.digit(text.charAt(at++), 16) < 0) {
              return false;
            }
          }
        } else if ("\"\\/bfnrt".indexOf(escaped) < 0) {
          return false;
        }
      }
    }
    return false;
  }

  private boolean number() {
    int start = at;
    if (at < text.length() && text.charAt(at) == '-') {
      at++;
    }
    if (at < text.length() && text.charAt(at) == '0') {
      at++;
    } else if (digits() == 0) {
      return false;
    }
    if (at < text.length() && text.charAt(at) == '.') {
      at++;
      if (digits() == 0) {
        return false;
      }
    }
    if (at < text.length() && (text.charAt(at) == 'e' || text.charAt(at) == 'E')) {
      at++;
      if (at < text.length() && (text.charAt(at) == '+' || text.charAt(at) == '-')) {
        at++;
      }
      if (digits() == 0) {
        return false;
      }
    }
    return at > start;
  }

  private int digits() {
    int start = at;
    while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
      at++;
    }
    return at - start;
  }

  private boolean literal(String word) {
    if (!text.startsWith(word, at)) {
      return false;
    }
    at += word.length();
    return true;
  }

  private boolean consume(char expected) {
    if (skipWhitespace() < text.length() && text.charAt(at) == expected) {
      at++;
      return true;
    }
    return false;
  }

  private int skipWhitespace() {
    while (at < text.length() && " \t\n\r".indexOf(text.charAt(at)) >= 0) {
      at++;
    }
    return at;
  }
}
