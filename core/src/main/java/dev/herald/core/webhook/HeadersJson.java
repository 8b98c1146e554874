package dev.herald.core.webhook;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes an endpoint's static headers as the JSON object stored in its row, and reads it back. */
final class HeadersJson {

  private static final JsonFactory FACTORY = new JsonFactory();

  private HeadersJson() {}

  /** Returns {@code headers} as a JSON object, in their order. */
  static String write(Map<String, String> headers) {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      json.writeStartObject();
      for (Map.Entry<String, String> header : headers.entrySet()) {
        json.writeStringField(header.getKey(), header.getValue());
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** Returns the headers of a stored JSON object of strings, in their order. */
  static Map<String, String> read(String text) {
    Map<String, String> headers = new LinkedHashMap<>();
    try (JsonParser json = FACTORY.createParser(text)) {
      expect(json.nextToken(), JsonToken.START_OBJECT);
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String name = json.currentName();
        expect(json.nextToken(), JsonToken.VALUE_STRING);
        headers.put(name, json.getText());
      }
    } catch (IOException e) {
      throw new IllegalStateException("webhook_endpoints.headers: not a JSON object", e);
    }
    return headers;
  }

  private static void expect(JsonToken actual, JsonToken expected) {
    if (actual != expected) {
      throw new IllegalStateException(
          "webhook_endpoints.headers: " + actual + " (expected: a JSON object of strings)");
    }
  }
}
