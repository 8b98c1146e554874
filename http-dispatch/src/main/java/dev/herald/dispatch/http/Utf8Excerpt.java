package dev.herald.dispatch.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Decodes the start of a response body as UTF-8 without splitting a multi-byte character. */
final class Utf8Excerpt {

  private Utf8Excerpt() {}

  /**
   * Decodes {@code prefix}, dropping a character cut off at its end; malformed bytes become {@code
   * ?}, so the result never encodes to more bytes than {@code prefix} holds.
   */
  static String decode(byte[] prefix) {
    int end = completeLength(prefix);
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE)
            .replaceWith("?");
    try {
      return decoder.decode(ByteBuffer.wrap(prefix, 0, end)).toString();
    } catch (CharacterCodingException e) {
      throw new IllegalStateException("a replacing decoder never throws", e);
    }
  }

  /** Returns the length of {@code bytes} without a trailing incomplete UTF-8 sequence. */
  static int completeLength(byte[] bytes) {
    int n = bytes.length;
    int lead = n - 1;
    while (lead >= 0 && n - lead < 4 && isContinuation(bytes[lead])) {
      lead--;
    }
    if (lead < 0) {
      return n;
    }
    int b = bytes[lead] & 0xff;
    int needed = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return n - lead < needed ? lead : n;
  }

  private static boolean isContinuation(byte b) {
    return (b & 0xc0) == 0x80;
  }
}
