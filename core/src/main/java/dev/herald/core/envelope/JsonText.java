package dev.herald.core.envelope;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;

/** Checks that text is one strict RFC 8259 JSON value, without building a tree of it. */
final class JsonText {

  private static final String EXPECTED = " (expected: one JSON value)";

  // Jackson's defaults are RFC 8259's rules (no comments, single quotes, unquoted names, raw
  // control characters, \' escapes, NaN, leading zeros or trailing commas). Its size limits are
  // lifted: the payload size limit already bounds the text, and skipping is iterative, so deep
  // nesting costs memory, never the stack.
  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(Integer.MAX_VALUE)
                  .maxNumberLength(Integer.MAX_VALUE)
                  .maxStringLength(Integer.MAX_VALUE)
                  .maxNameLength(Integer.MAX_VALUE)
                  .build())
          .build();

  private JsonText() {}

  /** Returns why {@code text} is not a JSON value, or null when it is one. */
  static String problem(String text) {
    if (text.isEmpty()) {
      return "empty" + EXPECTED;
    }
    try (JsonParser parser = FACTORY.createParser(text)) {
      if (parser.nextToken() == null) {
        return "not valid JSON: no value, only whitespace" + EXPECTED;
      }
      parser.skipChildren();
      if (parser.nextToken() != null) {
        return "not valid JSON: text after the value"
            + location(parser.currentTokenLocation())
            + EXPECTED;
      }
      return null;
    } catch (JsonProcessingException e) {
      return "not valid JSON: "
          + e.getOriginalMessage().lines().findFirst().orElse("")
          + location(e.getLocation())
          + EXPECTED;
    } catch (IOException e) {
      // Reading a String cannot fail with I/O; anything else Jackson throws means "not JSON".
      return "not valid JSON" + EXPECTED;
    }
  }

  private static String location(JsonLocation at) {
    return at == null ? "" : " at line " + at.getLineNr() + " column " + at.getColumnNr();
  }
}
