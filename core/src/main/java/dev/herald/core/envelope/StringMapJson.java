package dev.herald.core.envelope;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map of strings as a flat JSON object and back, in its order: stored webhook headers, and the
 * envelope attributes a CloudEvent cannot carry as extensions of their own.
 */
public final class StringMapJson {

  private static final JsonFactory FACTORY = new JsonFactory();

  private StringMapJson() {}

  /** Returns {@code map} as a JSON object, in its order. */
  public static String write(Map<String, String> map) {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      json.writeStartObject();
      for (Map.Entry<String, String> entry : map.entrySet()) {
        json.writeStringField(entry.getKey(), entry.getValue());
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /**
   * Returns the map a JSON object of strings holds, in its order.
   *
   * @param what names the text in the error, e.g. {@code webhook_endpoints.headers}
   * @throws IllegalArgumentException when {@code text} is not a JSON object of strings
   */
  public static Map<String, String> read(String text, String what) {
    Map<String, String> map = new LinkedHashMap<>();
    try (JsonParser json = FACTORY.createParser(text)) {
      expect(json.nextToken(), JsonToken.START_OBJECT, what);
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String name = json.currentName();
        expect(json.nextToken(), JsonToken.VALUE_STRING, what);
        map.put(name, json.getText());
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(what + ": not a JSON object", e);
    }
    return map;
  }

  private static void expect(JsonToken actual, JsonToken expected, String what) {
    if (actual != expected) {
      throw new IllegalArgumentException(
          what + ": " + actual + " (expected: a JSON object of strings)");
    }
  }
}
