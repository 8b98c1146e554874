package dev.herald.core.inbound;

import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/** How a generic {@code hmac} source writes its signature: hex or base64. */
public enum SignatureEncoding {
  HEX,
  BASE64;

  /** Returns the name used in configuration, e.g. {@code hex}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses {@code hex} or {@code base64}.
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static SignatureEncoding parse(String text) {
    for (SignatureEncoding encoding : values()) {
      if (encoding.wireName().equals(text)) {
        return encoding;
      }
    }
    throw new IllegalArgumentException("'" + text + "' (expected: hex or base64)");
  }

  /** Returns the bytes {@code text} encodes, empty when it is not in this encoding. */
  Optional<byte[]> decode(String text) {
    try {
      return Optional.of(
          this == HEX ? HexFormat.of().parseHex(text) : Base64.getDecoder().decode(text));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
