package dev.herald.core.rule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads and writes the JSON trees rules work on; one mapper, configured once. */
public final class JsonTrees {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonTrees() {}

  /**
   * Parses JSON text into a tree.
   *
   * @throws IllegalArgumentException with the parser's words when the text is not JSON
   */
  public static JsonNode parse(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(withoutSourceLocation(e.getOriginalMessage()), e);
    }
  }

  // Jackson names where an unclosed array or object began as "[Source: REDACTED ...; line: 1,
  // column: 14]": keep the line and column, drop the rest.
  private static String withoutSourceLocation(String message) {
    return message.replaceAll("\\[Source: [^;]*; (line: \\d+, column: \\d+)]", "$1");
  }

  /** Returns the tree as compact JSON text. */
  public static String text(JsonNode tree) {
    try {
      return MAPPER.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e); // a tree always serializes
    }
  }

  /** Returns the tree as compact UTF-8 JSON, the bytes a target receives. */
  public static byte[] bytes(JsonNode tree) {
    return text(tree).getBytes(StandardCharsets.UTF_8);
  }
}
