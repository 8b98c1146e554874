package dev.herald.host;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Signs inbound requests the way each provider documents it, for the inbound webhook tests. */
final class ProviderSignatures {

  private ProviderSignatures() {}

  /** GitHub: {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>}. */
  static String github(String secret, String body) {
    return "sha256=" + HexFormat.of().formatHex(mac("HmacSHA256", secret.getBytes(UTF_8), body));
  }

  /** Stripe: {@code Stripe-Signature: t=<ts>,v1=<hex HMAC-SHA256 of "ts.body">}. */
  static String stripe(String secret, long timestamp, String body) {
    return "t="
        + timestamp
        + ",v1="
        + HexFormat.of()
            .formatHex(mac("HmacSHA256", secret.getBytes(UTF_8), timestamp + "." + body));
  }

  /** Standard Webhooks: {@code v1,<base64 HMAC-SHA256 of "id.ts.body">}, key after whsec_. */
  static String standardWebhooks(String secret, String id, long timestamp, String body) {
    byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
    return "v1,"
        + Base64.getEncoder()
            .encodeToString(mac("HmacSHA256", key, id + "." + timestamp + "." + body));
  }

  /** A generic HMAC-SHA512 in base64. */
  static String hmacSha512Base64(String secret, String body) {
    return Base64.getEncoder().encodeToString(mac("HmacSHA512", secret.getBytes(UTF_8), body));
  }

  private static byte[] mac(String algorithm, byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(key, algorithm));
      return mac.doFinal(data.getBytes(UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
