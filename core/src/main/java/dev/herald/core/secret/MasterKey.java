package dev.herald.core.secret;

import static java.util.Objects.requireNonNull;

import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The 256-bit key that wraps the data keys, with where it came from for error messages. {@link
 * #toString()} names only the source.
 */
public final class MasterKey {

  static final int BYTES = 32;

  private final byte[] key;
  private final String source;

  private MasterKey(byte[] key, String source) {
    this.key = key;
    this.source = source;
  }

  /**
   * Parses base64 of 32 bytes, e.g. the output of {@code openssl rand -base64 32}.
   *
   * @param source where the text came from, e.g. {@code secrets.key_ref 'herald-key'}
   * @throws IllegalArgumentException saying what is wrong, never echoing the text
   */
  public static MasterKey parse(String text, String source) {
    requireNonNull(text, "text");
    requireNonNull(source, "source");
    byte[] key;
    try {
      key = Base64.getDecoder().decode(text.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "not base64 (expected: base64 of 32 random bytes, e.g. openssl rand -base64 32)");
    }
    if (key.length != BYTES) {
      throw new IllegalArgumentException(
          key.length + " bytes (expected: base64 of exactly " + BYTES + " bytes)");
    }
    return new MasterKey(key, source);
  }

  /** Generates a new key from {@code random}. */
  public static MasterKey generate(SecureRandom random, String source) {
    byte[] key = new byte[BYTES];
    random.nextBytes(key);
    return new MasterKey(key, requireNonNull(source, "source"));
  }

  /** Returns the base64 text form, for the key file. */
  public String encoded() {
    return Base64.getEncoder().encodeToString(key);
  }

  /** Returns where the key came from. */
  public String source() {
    return source;
  }

  SecretKey secretKey() {
    return new SecretKeySpec(key, "AES");
  }

  @Override
  public String toString() {
    return "MasterKey[" + source + "]";
  }
}
