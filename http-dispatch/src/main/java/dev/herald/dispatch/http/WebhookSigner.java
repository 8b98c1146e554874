package dev.herald.dispatch.http;

import static java.util.Objects.requireNonNull;

import dev.herald.core.webhook.WebhookSecret;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Computes the signature headers of a webhook: Standard Webhooks {@code webhook-signature} and
 * {@code Reauth-Signature}, both HMAC-SHA256 over the exact body bytes sent.
 */
public final class WebhookSigner {

  private static final String HMAC_SHA256 = "HmacSHA256";
  private static final byte DOT = '.';

  private WebhookSigner() {}

  /**
   * Returns the {@code webhook-signature} value: {@code v1,<base64 HMAC-SHA256 of
   * "id.timestamp.body">} for each secret, space-separated, the current secret first.
   */
  public static String webhookSignature(
      List<WebhookSecret> secrets, String messageId, long timestampSeconds, byte[] body) {
    requireNonNull(secrets, "secrets");
    requireNonNull(messageId, "messageId");
    requireNonNull(body, "body");
    if (secrets.isEmpty()) {
      throw new IllegalArgumentException("secrets: [] (expected: at least one)");
    }
    if (messageId.isEmpty()) {
      throw new IllegalArgumentException("messageId: empty (expected: non-empty)");
    }
    checkTimestamp(timestampSeconds);
    byte[] prefix = (messageId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8);
    StringBuilder header = new StringBuilder(secrets.size() * 48);
    for (WebhookSecret secret : secrets) {
      requireNonNull(secret, "secrets[]");
      Mac mac = hmac(secret);
      mac.update(prefix);
      if (!header.isEmpty()) {
        header.append(' ');
      }
      header.append("v1,").append(Base64.getEncoder().encodeToString(mac.doFinal(body)));
    }
    return header.toString();
  }

  /**
   * Returns the {@code Reauth-Signature} value: {@code t=<timestamp>,v1=<lowercase hex HMAC-SHA256
   * of "timestamp.body">}.
   */
  public static String reauthSignature(WebhookSecret secret, long timestampSeconds, byte[] body) {
    requireNonNull(secret, "secret");
    requireNonNull(body, "body");
    checkTimestamp(timestampSeconds);
    Mac mac = hmac(secret);
    mac.update(Long.toString(timestampSeconds).getBytes(StandardCharsets.US_ASCII));
    mac.update(DOT);
    return "t=" + timestampSeconds + ",v1=" + HexFormat.of().formatHex(mac.doFinal(body));
  }

  private static void checkTimestamp(long timestampSeconds) {
    if (timestampSeconds < 0) {
      throw new IllegalArgumentException(
          "timestampSeconds: " + timestampSeconds + " (expected: >= 0)");
    }
  }

  private static Mac hmac(WebhookSecret secret) {
    try {
      Mac mac = Mac.getInstance(HMAC_SHA256);
      mac.init(new SecretKeySpec(secret.key(), HMAC_SHA256));
      return mac;
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      // Every Java platform is required to provide HmacSHA256.
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }
}
