package dev.herald.core.inbound;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads an inbound body: checks that it is one JSON value and picks the scalar fields a template
 * refers to, in one streaming pass, without building a tree.
 */
final class JsonBody {

  private static final JsonFactory FACTORY = new JsonFactory();

  private JsonBody() {}

  /**
   * Returns the text of each of {@code paths} (dotted object field names) that holds a string,
   * number or boolean.
   *
   * @throws InboundRefusal of reason {@code INVALID_JSON} when the body is not one JSON value
   */
  static Map<String, String> values(byte[] body, Set<String> paths) {
    Map<String, String> found = new HashMap<>();
    // The path of each open container; arrays are entered but never matched.
    Deque<String> open = new ArrayDeque<>();
    try (JsonParser parser = FACTORY.createParser(body)) {
      JsonToken token = parser.nextToken();
      if (token == null) {
        throw invalid("empty body");
      }
      do {
        String path = pathOf(parser, open);
        switch (token) {
          case START_OBJECT, START_ARRAY ->
              open.push(token == JsonToken.START_ARRAY || path == null ? "[" : path);
          case END_OBJECT, END_ARRAY -> open.pop();
          case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE -> {
            if (path != null && paths.contains(path)) {
              found.put(path, parser.getText());
            }
          }
          default -> {}
        }
        token = parser.nextToken();
      } while (!open.isEmpty() && token != null);
      if (!open.isEmpty()) {
        throw invalid("unexpected end of the body");
      }
      if (token != null || parser.nextToken() != null) {
        throw invalid("more than one JSON value");
      }
    } catch (IOException e) {
      throw invalid(e.getMessage().lines().findFirst().orElse("unreadable"));
    }
    return found;
  }

  // The dotted path of the current value, or null inside an array.
  private static String pathOf(JsonParser parser, Deque<String> open) throws IOException {
    if (open.isEmpty()) {
      return "";
    }
    String parent = open.peek();
    if (parent.equals("[") || parser.currentName() == null) {
      return null;
    }
    return parent.isEmpty() ? parser.currentName() : parent + "." + parser.currentName();
  }

  private static InboundRefusal invalid(String why) {
    return new InboundRefusal(InboundRefusal.Reason.INVALID_JSON, "body is not valid JSON: " + why);
  }
}
