package dev.herald.core.secret;

import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stored form of a sealed value, {@code enc:v1:<key-id>:<base64 of nonce+ciphertext+tag>}: it
 * names its key, so older keys keep opening it after a rotation.
 */
record SealedText(String keyId, byte[] sealed) {

  private static final Pattern FORM =
      Pattern.compile("enc:v1:([A-Za-z0-9_-]{1,32}):([A-Za-z0-9+/=]+)");

  /** Returns the parts of {@code stored}, or empty when it is not in the sealed form. */
  static Optional<SealedText> parse(String stored) {
    Matcher m = FORM.matcher(stored);
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new SealedText(m.group(1), Base64.getDecoder().decode(m.group(2))));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Returns the stored form. */
  String text() {
    return "enc:v1:" + keyId + ":" + Base64.getEncoder().encodeToString(sealed);
  }
}
