package dev.herald.core.webhook;

import static java.util.Objects.requireNonNull;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * A Standard Webhooks signing secret: {@code whsec_} followed by base64 of 24 to 64 random bytes.
 * {@link #toString()} never reveals the key.
 */
public final class WebhookSecret {

  private static final String PREFIX = "whsec_";
  private static final int MIN_KEY_BYTES = 24;
  private static final int MAX_KEY_BYTES = 64;

  private final String encoded;
  private final byte[] key;

  private WebhookSecret(String encoded, byte[] key) {
    this.encoded = encoded;
    this.key = key;
  }

  /**
   * Parses {@code whsec_<base64>}.
   *
   * @throws IllegalArgumentException naming what is wrong, never echoing the secret
   */
  public static WebhookSecret parse(String encoded) {
    requireNonNull(encoded, "secret");
    if (!encoded.startsWith(PREFIX)) {
      throw new IllegalArgumentException("secret: expected the form whsec_<base64>");
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(encoded.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("secret: the part after whsec_ is not valid base64");
    }
    if (key.length < MIN_KEY_BYTES || key.length > MAX_KEY_BYTES) {
      throw new IllegalArgumentException(
          "secret: key is "
              + key.length
              + " bytes (expected: "
              + MIN_KEY_BYTES
              + " to "
              + MAX_KEY_BYTES
              + ")");
    }
    return new WebhookSecret(encoded, key);
  }

  /** Generates a new 32-byte secret. */
  public static WebhookSecret generate(SecureRandom random) {
    byte[] key = new byte[32];
    random.nextBytes(key);
    return new WebhookSecret(PREFIX + Base64.getEncoder().encodeToString(key), key);
  }

  /** Returns the HMAC key bytes. */
  public byte[] key() {
    return key.clone();
  }

  /** Returns the stored {@code whsec_} form. */
  public String encoded() {
    return encoded;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WebhookSecret other && Arrays.equals(key, other.key);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(key);
  }

  @Override
  public String toString() {
    return "whsec_***";
  }
}
