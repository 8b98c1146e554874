package dev.herald.dispatch.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The percent-encoding the CloudEvents HTTP binding asks of {@code ce-*} header values: space,
 * {@code "}, {@code %} and everything outside printable ASCII as {@code %XX} of its UTF-8 bytes.
 * The SDK (4.0.1) neither encodes nor decodes, so Herald does both ends itself.
 */
public final class CloudEventHeaderValues {

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private CloudEventHeaderValues() {}

  /** Returns {@code value} percent-encoded for a {@code ce-*} header. */
  public static String encode(String value) {
    StringBuilder out = new StringBuilder(value.length());
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c > 0x20 && c < 0x7f && c != '"' && c != '%') {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
      }
    }
    return out.toString();
  }

  /**
   * Returns a {@code ce-*} header value decoded; a {@code %} not followed by two hex digits stays
   * as it is, so a sender that did not encode loses nothing.
   */
  public static String decode(String value) {
    if (value.indexOf('%') < 0) {
      return value;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(value.length());
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i++) {
      int high = i + 2 < bytes.length ? Character.digit(bytes[i + 1], 16) : -1;
      int low = i + 2 < bytes.length ? Character.digit(bytes[i + 2], 16) : -1;
      if (bytes[i] == '%' && high >= 0 && low >= 0) {
        out.write(high << 4 | low);
        i += 2;
      } else {
        out.write(bytes[i]);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
