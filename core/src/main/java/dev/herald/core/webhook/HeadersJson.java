package dev.herald.core.webhook;

import dev.herald.core.envelope.StringMapJson;
import java.util.Map;

/** Writes an endpoint's static headers as the JSON object stored in its row, and reads it back. */
final class HeadersJson {

  private static final String COLUMN = "webhook_endpoints.headers";

  private HeadersJson() {}

  /** Returns {@code headers} as a JSON object, in their order. */
  static String write(Map<String, String> headers) {
    return StringMapJson.write(headers);
  }

  /** Returns the headers of a stored JSON object of strings, in their order. */
  static Map<String, String> read(String text) {
    try {
      return StringMapJson.read(text, COLUMN);
    } catch (IllegalArgumentException e) {
      // A row Herald wrote that no longer reads is a broken store, not bad input.
      throw new IllegalStateException(e.getMessage(), e);
    }
  }
}
