package dev.herald.core.inbound;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;

/**
 * Checks a shared token in a header, by default {@code Authorization: Bearer <token>}. Both sides
 * are hashed before the constant-time compare, so not even the token's length leaks.
 */
final class TokenVerifier implements Verifier {

  private final String header;
  private final byte[] expectedDigest;

  TokenVerifier(String header, String prefix, String token) {
    this.header = requireNonNull(header, "header");
    this.expectedDigest = sha256(requireNonNull(prefix, "prefix") + requireNonNull(token, "token"));
  }

  @Override
  public void verify(InboundHeaders headers, byte[] body, Instant now) {
    String value = headers.required(header);
    if (!MessageDigest.isEqual(sha256(value), expectedDigest)) {
      throw InboundRefusal.unauthenticated(header + " does not carry the source's token");
    }
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
