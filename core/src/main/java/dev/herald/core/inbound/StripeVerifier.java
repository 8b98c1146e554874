package dev.herald.core.inbound;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks Stripe's {@code Stripe-Signature: t=<ts>,v1=<hex>[,v1=<hex>...]}: each {@code v1} is the
 * hex HMAC-SHA256 of {@code "<ts>.<body>"} under the endpoint secret (used whole, {@code whsec_}
 * included), and one must match while the timestamp is within the tolerance.
 */
final class StripeVerifier implements Verifier {

  static final String HEADER = "Stripe-Signature";

  private final byte[] key;
  private final TimestampWindow window;

  StripeVerifier(String secret, TimestampWindow window) {
    this.key = secret.getBytes(UTF_8);
    this.window = requireNonNull(window, "window");
  }

  @Override
  public void verify(InboundHeaders headers, byte[] body, Instant now) {
    String value = headers.required(HEADER);
    Optional<String> timestamp = Optional.empty();
    List<String> signatures = new ArrayList<>();
    for (String item : value.split(",")) {
      int eq = item.indexOf('=');
      String name = eq < 0 ? item.trim() : item.substring(0, eq).trim();
      String text = eq < 0 ? "" : item.substring(eq + 1).trim();
      if (name.equals("t")) {
        timestamp = Optional.of(text);
      } else if (name.equals("v1")) {
        signatures.add(text);
      }
    }
    if (timestamp.isEmpty() || signatures.isEmpty()) {
      throw InboundRefusal.unauthenticated(
          HEADER + " lacks t or v1 (expected: t=<timestamp>,v1=<hex signature>)");
    }
    window.check(HEADER + " timestamp", timestamp.get(), now);
    byte[] expected = HmacAlgorithm.SHA256.mac(key, (timestamp.get() + ".").getBytes(UTF_8), body);
    for (String signature : signatures) {
      Optional<byte[]> given = SignatureEncoding.HEX.decode(signature);
      if (given.isPresent() && MessageDigest.isEqual(given.get(), expected)) {
        return;
      }
    }
    throw InboundRefusal.unauthenticated(HEADER + ": no v1 signature matches (bad signature)");
  }
}
