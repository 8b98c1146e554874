package dev.herald.core.inbound;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import dev.herald.core.webhook.WebhookSecret;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;

/**
 * Checks Standard Webhooks (Svix-compatible) requests: {@code webhook-signature} lists {@code
 * v1,<base64>} entries separated by spaces, each an HMAC-SHA256 of {@code
 * "<id>.<timestamp>.<body>"} under the base64 key after {@code whsec_}. The {@code svix-*} headers
 * are accepted instead.
 */
final class StandardWebhooksVerifier implements Verifier {

  static final String ID = "webhook-id";
  static final String SVIX_ID = "svix-id";
  private static final String TIMESTAMP = "webhook-timestamp";
  private static final String SIGNATURE = "webhook-signature";

  private final byte[] key;
  private final TimestampWindow window;

  StandardWebhooksVerifier(WebhookSecret secret, TimestampWindow window) {
    this.key = secret.key();
    this.window = requireNonNull(window, "window");
  }

  @Override
  public void verify(InboundHeaders headers, byte[] body, Instant now) {
    String id = required(headers, ID, SVIX_ID);
    String timestamp = required(headers, TIMESTAMP, "svix-timestamp");
    String signatures = required(headers, SIGNATURE, "svix-signature");
    window.check(TIMESTAMP, timestamp, now);
    byte[] expected =
        HmacAlgorithm.SHA256.mac(key, (id + "." + timestamp + ".").getBytes(UTF_8), body);
    for (String entry : signatures.trim().split(" +")) {
      if (!entry.startsWith("v1,")) {
        continue;
      }
      try {
        if (MessageDigest.isEqual(Base64.getDecoder().decode(entry.substring(3)), expected)) {
          return;
        }
      } catch (IllegalArgumentException e) {
        // Not base64: a signature that cannot match; try the next.
      }
    }
    throw InboundRefusal.unauthenticated(SIGNATURE + ": no v1 signature matches (bad signature)");
  }

  private static String required(InboundHeaders headers, String name, String svixName) {
    return headers
        .either(name, svixName)
        .orElseThrow(
            () ->
                InboundRefusal.unauthenticated(
                    "missing " + name + " (or " + svixName + ") header"));
  }
}
