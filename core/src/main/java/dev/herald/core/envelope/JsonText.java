package dev.herald.core.envelope;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.EOFException;
import java.io.IOException;
import java.io.StringReader;

/** Checks that text is one strict RFC 8259 JSON value, without building a tree of it. */
final class JsonText {

  private static final String EXPECTED = " (expected: one JSON value)";
  private static final String LOCATION = " at line ";

  private JsonText() {}

  /** Returns why {@code text} is not a JSON value, or null when it is one. */
  static String problem(String text) {
    if (text.isEmpty()) {
      return "empty" + EXPECTED;
    }
    // A strict streaming reader, not JsonParser: JsonParser is lenient (it takes {a:1} and 'x')
    // and recursive (deeply nested arrays overflow the stack).
    try (JsonReader reader = new JsonReader(new StringReader(text))) {
      reader.setLenient(false);
      reader.skipValue();
      if (reader.peek() != JsonToken.END_DOCUMENT) {
        return "not valid JSON: text after the value" + EXPECTED;
      }
    } catch (EOFException e) {
      return "not valid JSON: ends early" + location(e) + EXPECTED;
    } catch (IOException | IllegalStateException | NumberFormatException e) {
      return "not valid JSON" + location(e) + EXPECTED;
    }
    // Even strict, Gson lets raw control characters and the escape \' into strings; RFC 8259 (and
    // Python's json, and so some webhook receivers) does not.
    int offset = nonRfcCharacterInString(text);
    if (offset >= 0) {
      char c = text.charAt(offset);
      return (c < 0x20
              ? "not valid JSON: unescaped control character U+%04X in a string at offset %d%s"
              : "not valid JSON: escape \\%c in a string at offset %d%s")
          .formatted((int) c, offset, EXPECTED);
    }
    return null;
  }

  /**
   * Returns the offset of the first raw control character, or of the first escaped character RFC
   * 8259 does not allow after a backslash, inside a string of otherwise valid JSON; else -1.
   */
  private static int nonRfcCharacterInString(String json) {
    boolean inString = false;
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (!inString) {
        inString = c == '"';
      } else if (c == '\\') {
        i++; // the escaped character (Gson has checked the hex digits of a unicode escape)
        if ("\"\\/bfnrtu".indexOf(json.charAt(i)) < 0) {
          return i;
        }
      } else if (c == '"') {
        inString = false;
      } else if (c < 0x20) {
        return i;
      }
    }
    return -1;
  }

  // Gson's messages end with "at line L column C path P"; the path and the advice are noise here.
  private static String location(Exception e) {
    String message = e.getMessage();
    int start = message == null ? -1 : message.lastIndexOf(LOCATION);
    if (start < 0) {
      return "";
    }
    int end = message.indexOf(" path ", start);
    return end < 0 ? message.substring(start) : message.substring(start, end);
  }
}
