package dev.herald.core.apikey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * The text of an API key: {@code hk_} and 32 random bytes in unpadded base64url, so it is
 * recognisable in a leak scan and guessable by no one. Only its SHA-256 is stored.
 */
public final class KeyText {

  /** What every key begins with. */
  public static final String PREFIX = "hk_";

  // hk_ and four characters (24 of the 256 random bits): enough to recognise a key in a list.
  private static final int SHOWN_LENGTH = PREFIX.length() + 4;
  private static final int RANDOM_BYTES = 32;

  private KeyText() {}

  /** Returns a new key's text, drawn from {@code random} (a SecureRandom in production). */
  static String generate(RandomGenerator random) {
    byte[] bytes = new byte[RANDOM_BYTES];
    random.nextBytes(bytes);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Returns the non-secret beginning shown in lists, e.g. {@code hk_3fA9}. */
  static String shown(String text) {
    return text.substring(0, Math.min(SHOWN_LENGTH, text.length()));
  }

  /** Returns the SHA-256 of a key's (or a token's) UTF-8 text, as 64 lowercase hex digits. */
  public static String sha256Hex(String text) {
    return HexFormat.of().formatHex(sha256(text));
  }

  /** Returns the SHA-256 of a key's (or a token's) UTF-8 text. */
  public static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is unavailable", e);
    }
  }
}
