package dev.herald.core.inbound;

import static java.util.Objects.requireNonNull;

import java.security.MessageDigest;
import java.time.Instant;

/**
 * Checks a header holding an HMAC of the body, e.g. GitHub's {@code X-Hub-Signature-256:
 * sha256=<hex>}: the header's value is an optional prefix then the encoded MAC.
 */
final class HmacVerifier implements Verifier {

  private final String header;
  private final HmacAlgorithm algorithm;
  private final SignatureEncoding encoding;
  private final String prefix;
  private final byte[] key;

  HmacVerifier(
      String header,
      HmacAlgorithm algorithm,
      SignatureEncoding encoding,
      String prefix,
      byte[] key) {
    this.header = requireNonNull(header, "header");
    this.algorithm = requireNonNull(algorithm, "algorithm");
    this.encoding = requireNonNull(encoding, "encoding");
    this.prefix = requireNonNull(prefix, "prefix");
    this.key = key.clone();
  }

  @Override
  public void verify(InboundHeaders headers, byte[] body, Instant now) {
    String value = headers.required(header);
    if (!value.startsWith(prefix)) {
      throw InboundRefusal.unauthenticated(
          header + " does not start with '" + prefix + "' (expected: " + prefix + "<signature>)");
    }
    byte[] given =
        encoding
            .decode(value.substring(prefix.length()).trim())
            .orElseThrow(
                () ->
                    InboundRefusal.unauthenticated(
                        header + " is not " + encoding.wireName() + " encoded"));
    if (!MessageDigest.isEqual(given, algorithm.mac(key, body))) {
      throw InboundRefusal.unauthenticated(header + " does not match the body (bad signature)");
    }
  }
}
