package dev.herald.core.inbound;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import dev.herald.core.envelope.FieldViolation;
import dev.herald.core.webhook.WebhookSecret;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A source's verifier and its options as given; what is left out takes the verifier's default.
 *
 * @param kind which verifier
 * @param header hmac: the signature's header (required); token: the token's header ({@code
 *     Authorization} by default)
 * @param algorithm hmac: sha1, sha256 (default) or sha512
 * @param encoding hmac: hex (default) or base64
 * @param prefix hmac: text before the signature, e.g. {@code sha256=} (none by default); token:
 *     text before the token ({@code Bearer } by default with {@code Authorization})
 * @param tolerance stripe and standard-webhooks: how far the signed timestamp may be from now (5
 *     minutes by default)
 */
public record VerifierSettings(
    VerifierKind kind,
    Optional<String> header,
    Optional<HmacAlgorithm> algorithm,
    Optional<SignatureEncoding> encoding,
    Optional<String> prefix,
    Optional<Duration> tolerance) {

  /** The default timestamp tolerance of stripe and standard-webhooks. */
  public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

  /** The longest secret or token accepted. */
  public static final int MAX_SECRET_LENGTH = 512;

  private static final String AUTHORIZATION = "Authorization";
  private static final String BEARER = "Bearer ";

  public VerifierSettings {
    requireNonNull(kind, "kind");
    requireNonNull(header, "header");
    requireNonNull(algorithm, "algorithm");
    requireNonNull(encoding, "encoding");
    requireNonNull(prefix, "prefix");
    requireNonNull(tolerance, "tolerance");
  }

  /** Returns the settings of {@code kind} with every option at its default. */
  public static VerifierSettings of(VerifierKind kind) {
    return new VerifierSettings(
        kind,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /**
   * Returns what is wrong with these settings, each naming its field: an option the verifier does
   * not use, a missing header, a tolerance that is not positive.
   */
  public List<FieldViolation> violations() {
    List<FieldViolation> found = new ArrayList<>();
    boolean hmac = kind == VerifierKind.HMAC;
    boolean token = kind == VerifierKind.TOKEN;
    boolean timed = kind == VerifierKind.STRIPE || kind == VerifierKind.STANDARD_WEBHOOKS;
    unused(found, "header", header, hmac || token);
    unused(found, "algorithm", algorithm, hmac);
    unused(found, "encoding", encoding, hmac);
    unused(found, "prefix", prefix, hmac || token);
    unused(found, "tolerance", tolerance, timed);
    if (hmac && header.isEmpty()) {
      found.add(new FieldViolation("header", "missing (required by the hmac verifier)"));
    }
    header
        .filter(h -> h.isBlank() || !h.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != ':'))
        .ifPresent(
            h ->
                found.add(
                    new FieldViolation("header", "'" + h + "' (expected: an HTTP header name)")));
    tolerance
        .filter(t -> t.isNegative() || t.isZero())
        .ifPresent(t -> found.add(new FieldViolation("tolerance", t + " (expected: > 0)")));
    return found;
  }

  private void unused(List<FieldViolation> found, String field, Optional<?> value, boolean used) {
    if (value.isPresent() && !used) {
      found.add(
          new FieldViolation(
              field, "set, but the " + kind.wireName() + " verifier does not use it"));
    }
  }

  /** Returns why {@code secret} cannot be this verifier's secret, or empty when it can. */
  public Optional<String> secretProblem(String secret) {
    if (kind == VerifierKind.STANDARD_WEBHOOKS) {
      try {
        WebhookSecret.parse(secret);
      } catch (IllegalArgumentException e) {
        return Optional.of(e.getMessage().replaceFirst("^secret: ", ""));
      }
      return Optional.empty();
    }
    if (secret.isEmpty()) {
      return Optional.of("empty (expected: the secret the provider signs or sends with)");
    }
    if (secret.length() > MAX_SECRET_LENGTH) {
      return Optional.of(
          secret.length() + " characters (expected: at most " + MAX_SECRET_LENGTH + ")");
    }
    return Optional.empty();
  }

  /** Returns a new random secret in the form this verifier takes. */
  public String generateSecret(SecureRandom random) {
    if (kind == VerifierKind.STANDARD_WEBHOOKS) {
      return WebhookSecret.generate(random).encoded();
    }
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String hex = HexFormat.of().formatHex(bytes);
    return kind == VerifierKind.STRIPE ? "whsec_" + hex : hex;
  }

  /** Returns the verifier these settings describe, checking with {@code secret}. */
  Verifier verifier(String secret) {
    TimestampWindow window = new TimestampWindow(tolerance.orElse(DEFAULT_TOLERANCE));
    return switch (kind) {
      case GITHUB ->
          new HmacVerifier(
              "X-Hub-Signature-256",
              HmacAlgorithm.SHA256,
              SignatureEncoding.HEX,
              "sha256=",
              secret.getBytes(UTF_8));
      case STRIPE -> new StripeVerifier(secret, window);
      case STANDARD_WEBHOOKS -> new StandardWebhooksVerifier(WebhookSecret.parse(secret), window);
      case HMAC ->
          new HmacVerifier(
              header.orElseThrow(),
              algorithm.orElse(HmacAlgorithm.SHA256),
              encoding.orElse(SignatureEncoding.HEX),
              prefix.orElse(""),
              secret.getBytes(UTF_8));
      case TOKEN -> {
        String name = header.orElse(AUTHORIZATION);
        String defaultPrefix = name.equalsIgnoreCase(AUTHORIZATION) ? BEARER : "";
        yield new TokenVerifier(name, prefix.orElse(defaultPrefix), secret);
      }
    };
  }
}
