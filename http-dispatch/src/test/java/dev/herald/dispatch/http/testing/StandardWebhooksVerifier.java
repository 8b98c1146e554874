package dev.herald.dispatch.http.testing;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies webhooks the way a Standard Webhooks receiver does, written from the specification and
 * independent of the signer under test: its own HMAC, header parsing, constant-time comparison and
 * a five-minute timestamp tolerance.
 */
public final class StandardWebhooksVerifier {

  /** How far a timestamp may be from the receiver's clock, either way. */
  public static final Duration TOLERANCE = Duration.ofMinutes(5);

  private static final String PREFIX = "whsec_";

  private final byte[] key;
  private final Clock clock;

  /** Creates a verifier for one secret, {@code whsec_<base64>} or bare base64, at {@code clock}. */
  public StandardWebhooksVerifier(String secret, Clock clock) {
    requireNonNull(secret, "secret");
    this.clock = requireNonNull(clock, "clock");
    String encoded = secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret;
    this.key = Base64.getDecoder().decode(encoded);
  }

  /** Verifies the Standard Webhooks headers, read through {@code header} by lowercase name. */
  public void verify(Function<String, String> header, byte[] body) {
    verify(
        header.apply("webhook-id"),
        header.apply("webhook-timestamp"),
        header.apply("webhook-signature"),
        body);
  }

  /**
   * Verifies one message; throws {@link VerificationException} saying why when it is not genuine.
   */
  public void verify(String id, String timestamp, String signatures, byte[] body) {
    if (id == null || timestamp == null || signatures == null) {
      throw new VerificationException("missing required headers");
    }
    checkTimestamp(parseTimestamp(timestamp));
    byte[] expected =
        hmac(concat((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8), body));
    for (String entry : signatures.split(" ")) {
      int comma = entry.indexOf(',');
      if (comma < 0 || !entry.substring(0, comma).equals("v1")) {
        continue;
      }
      byte[] given;
      try {
        given = Base64.getDecoder().decode(entry.substring(comma + 1));
      } catch (IllegalArgumentException e) {
        continue;
      }
      if (MessageDigest.isEqual(expected, given)) {
        return;
      }
    }
    throw new VerificationException("no matching signature found");
  }

  /** Verifies a {@code Reauth-Signature: t=<ts>,v1=<hex>} header over {@code body}. */
  public void verifyReauth(String header, byte[] body) {
    if (header == null) {
      throw new VerificationException("missing Reauth-Signature");
    }
    String timestamp = null;
    String hex = null;
    for (String part : header.split(",")) {
      if (part.startsWith("t=")) {
        timestamp = part.substring(2);
      } else if (part.startsWith("v1=")) {
        hex = part.substring(3);
      }
    }
    if (timestamp == null || hex == null) {
      throw new VerificationException("malformed Reauth-Signature: " + header);
    }
    checkTimestamp(parseTimestamp(timestamp));
    byte[] expected = hmac(concat((timestamp + ".").getBytes(StandardCharsets.US_ASCII), body));
    byte[] given;
    try {
      given = HexFormat.of().parseHex(hex);
    } catch (IllegalArgumentException e) {
      throw new VerificationException("Reauth-Signature v1 is not hex");
    }
    if (!hex.equals(hex.toLowerCase(java.util.Locale.ROOT))
        || !MessageDigest.isEqual(expected, given)) {
      throw new VerificationException("Reauth-Signature does not match");
    }
  }

  private static long parseTimestamp(String timestamp) {
    try {
      return Long.parseLong(timestamp);
    } catch (NumberFormatException e) {
      throw new VerificationException("invalid signature headers: timestamp " + timestamp);
    }
  }

  private void checkTimestamp(long seconds) {
    long now = clock.instant().getEpochSecond();
    if (now - seconds > TOLERANCE.toSeconds()) {
      throw new VerificationException("message timestamp too old");
    }
    if (seconds - now > TOLERANCE.toSeconds()) {
      throw new VerificationException("message timestamp too new");
    }
  }

  private byte[] hmac(byte[] content) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(content);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** Says why a webhook was not accepted. */
  public static final class VerificationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    VerificationException(String message) {
      super(message);
    }
  }
}
