package dev.herald.core.inbound;

import java.security.GeneralSecurityException;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The HMAC algorithms a generic {@code hmac} source may sign with. */
public enum HmacAlgorithm {
  SHA1("HmacSHA1"),
  SHA256("HmacSHA256"),
  SHA512("HmacSHA512");

  private final String jcaName;

  HmacAlgorithm(String jcaName) {
    this.jcaName = jcaName;
  }

  /** Returns the name used in configuration, e.g. {@code sha256}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses {@code sha1}, {@code sha256} or {@code sha512}.
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static HmacAlgorithm parse(String text) {
    for (HmacAlgorithm algorithm : values()) {
      if (algorithm.wireName().equals(text)) {
        return algorithm;
      }
    }
    throw new IllegalArgumentException("'" + text + "' (expected: sha1, sha256 or sha512)");
  }

  /** Returns the MAC of {@code parts}, in order, under {@code key}. */
  byte[] mac(byte[] key, byte[]... parts) {
    try {
      Mac mac = Mac.getInstance(jcaName);
      mac.init(new SecretKeySpec(key, jcaName));
      for (byte[] part : parts) {
        mac.update(part);
      }
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(jcaName + " is not available", e);
    }
  }
}
