package dev.herald.core.inbound;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VerifiersTest {

  // GitHub's documented example: "Validating webhook deliveries".
  private static final String GITHUB_SECRET = "It's a Secret to Everybody";
  private static final String GITHUB_BODY = "Hello, World!";
  private static final String GITHUB_SIGNATURE =
      "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

  // The Standard Webhooks test vector (DESIGN.md).
  private static final String SW_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final String SW_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  private static final Instant SW_TIME = Instant.ofEpochSecond(1614265330);
  private static final String SW_BODY = "{\"test\": 2432232314}";
  private static final String SW_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

  private static Verifier verifier(VerifierKind kind, String secret) {
    return VerifierSettings.of(kind).verifier(secret);
  }

  private static InboundHeaders headers(String... namesAndValues) {
    Map<String, String> map = new java.util.LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      map.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return InboundHeaders.of(map);
  }

  private static String refusal(Runnable call) {
    try {
      call.run();
    } catch (InboundRefusal e) {
      assertThat(e.reason()).isEqualTo(InboundRefusal.Reason.UNAUTHENTICATED);
      return e.getMessage();
    }
    throw new AssertionError("accepted");
  }

  @Test
  void githubAcceptsItsDocumentedExampleWhateverTheHeaderCase() {
    Verifier github = verifier(VerifierKind.GITHUB, GITHUB_SECRET);
    assertThatCode(
            () ->
                github.verify(
                    headers("x-hub-signature-256", GITHUB_SIGNATURE),
                    GITHUB_BODY.getBytes(UTF_8),
                    Instant.now()))
        .doesNotThrowAnyException();
  }

  @Test
  void githubRefusesAnotherBodyAMissingHeaderAndAnotherSecret() {
    Verifier github = verifier(VerifierKind.GITHUB, GITHUB_SECRET);
    byte[] body = GITHUB_BODY.getBytes(UTF_8);
    assertThat(
            refusal(
                () ->
                    github.verify(
                        headers("X-Hub-Signature-256", GITHUB_SIGNATURE),
                        "Hello, World?".getBytes(UTF_8),
                        Instant.now())))
        .contains("bad signature");
    assertThat(refusal(() -> github.verify(headers(), body, Instant.now())))
        .contains("missing X-Hub-Signature-256");
    assertThat(
            refusal(
                () ->
                    verifier(VerifierKind.GITHUB, "another")
                        .verify(
                            headers("X-Hub-Signature-256", GITHUB_SIGNATURE), body, Instant.now())))
        .contains("bad signature");
  }

  @Test
  void standardWebhooksAcceptsThePublishedVectorUnderEitherHeaderSet() {
    Verifier sw = verifier(VerifierKind.STANDARD_WEBHOOKS, SW_SECRET);
    byte[] body = SW_BODY.getBytes(UTF_8);
    assertThatCode(
            () ->
                sw.verify(
                    headers(
                        "webhook-id",
                        SW_ID,
                        "webhook-timestamp",
                        "1614265330",
                        "webhook-signature",
                        "v1,bm90IGl0 " + SW_SIGNATURE),
                    body,
                    SW_TIME.plusSeconds(299)))
        .doesNotThrowAnyException();
    assertThatCode(
            () ->
                sw.verify(
                    headers(
                        "svix-id", SW_ID,
                        "svix-timestamp", "1614265330",
                        "svix-signature", SW_SIGNATURE),
                    body,
                    SW_TIME))
        .doesNotThrowAnyException();
  }

  @Test
  void standardWebhooksRefusesExpiredFutureAndTamperedRequests() {
    Verifier sw = verifier(VerifierKind.STANDARD_WEBHOOKS, SW_SECRET);
    byte[] body = SW_BODY.getBytes(UTF_8);
    InboundHeaders good =
        headers(
            "webhook-id",
            SW_ID,
            "webhook-timestamp",
            "1614265330",
            "webhook-signature",
            SW_SIGNATURE);
    assertThat(refusal(() -> sw.verify(good, body, SW_TIME.plusSeconds(301))))
        .contains("301 s in the past");
    assertThat(refusal(() -> sw.verify(good, body, SW_TIME.minusSeconds(301))))
        .contains("301 s in the future");
    assertThat(refusal(() -> sw.verify(good, "{\"test\": 2432232315}".getBytes(UTF_8), SW_TIME)))
        .contains("bad signature");
    InboundHeaders otherId =
        headers(
            "webhook-id",
            "msg_other",
            "webhook-timestamp",
            "1614265330",
            "webhook-signature",
            SW_SIGNATURE);
    assertThat(refusal(() -> sw.verify(otherId, body, SW_TIME))).contains("bad signature");
  }

  @Test
  void stripeAcceptsAnyMatchingV1WithinItsTolerance() {
    String secret = "whsec_test_secret";
    String body = "{\"id\":\"evt_1\",\"type\":\"invoice.paid\"}";
    long t = 1_700_000_000L;
    String v1 = stripeSignature(secret, t, body);
    Verifier stripe = verifier(VerifierKind.STRIPE, secret);
    assertThatCode(
            () ->
                stripe.verify(
                    headers("Stripe-Signature", "t=" + t + ",v1=" + "00".repeat(32) + ",v1=" + v1),
                    body.getBytes(UTF_8),
                    Instant.ofEpochSecond(t + 300)))
        .doesNotThrowAnyException();
    assertThat(
            refusal(
                () ->
                    stripe.verify(
                        headers("Stripe-Signature", "t=" + t + ",v1=" + v1),
                        body.getBytes(UTF_8),
                        Instant.ofEpochSecond(t + 301))))
        .contains("301 s in the past");
    assertThat(
            refusal(
                () ->
                    stripe.verify(
                        headers("Stripe-Signature", "t=" + (t + 1) + ",v1=" + v1),
                        body.getBytes(UTF_8),
                        Instant.ofEpochSecond(t))))
        .contains("bad signature");
    assertThat(
            refusal(
                () ->
                    stripe.verify(
                        headers("Stripe-Signature", "v1=" + v1),
                        body.getBytes(UTF_8),
                        Instant.ofEpochSecond(t))))
        .contains("lacks t or v1");
  }

  @Test
  void stripeToleranceIsConfigurable() {
    String body = "{}";
    long t = 1_700_000_000L;
    Verifier stripe =
        new VerifierSettings(
                VerifierKind.STRIPE,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(Duration.ofSeconds(10)))
            .verifier("s3cret");
    InboundHeaders signed =
        headers("Stripe-Signature", "t=" + t + ",v1=" + stripeSignature("s3cret", t, body));
    assertThatCode(() -> stripe.verify(signed, body.getBytes(UTF_8), Instant.ofEpochSecond(t + 10)))
        .doesNotThrowAnyException();
    assertThat(
            refusal(
                () -> stripe.verify(signed, body.getBytes(UTF_8), Instant.ofEpochSecond(t + 11))))
        .contains("within 10 s");
  }

  @Test
  void hmacChecksItsHeaderAlgorithmEncodingAndPrefix() {
    Verifier hmac =
        new VerifierSettings(
                VerifierKind.HMAC,
                Optional.of("X-Signature"),
                Optional.of(HmacAlgorithm.SHA512),
                Optional.of(SignatureEncoding.BASE64),
                Optional.of("sha512="),
                Optional.empty())
            .verifier("k");
    byte[] body = "{\"a\":1}".getBytes(UTF_8);
    String signature =
        java.util.Base64.getEncoder()
            .encodeToString(HmacAlgorithm.SHA512.mac("k".getBytes(UTF_8), body));
    assertThatCode(
            () -> hmac.verify(headers("X-Signature", "sha512=" + signature), body, Instant.now()))
        .doesNotThrowAnyException();
    assertThat(refusal(() -> hmac.verify(headers("X-Signature", signature), body, Instant.now())))
        .contains("does not start with 'sha512='");
    String sha256 =
        java.util.Base64.getEncoder()
            .encodeToString(HmacAlgorithm.SHA256.mac("k".getBytes(UTF_8), body));
    assertThat(
            refusal(
                () -> hmac.verify(headers("X-Signature", "sha512=" + sha256), body, Instant.now())))
        .contains("bad signature");
  }

  @Test
  void hmacSha1HexMatchesAKnownValue() {
    // RFC 2202 test case 2: key "Jefe", data "what do ya want for nothing?".
    Verifier hmac =
        new VerifierSettings(
                VerifierKind.HMAC,
                Optional.of("X-Sig"),
                Optional.of(HmacAlgorithm.SHA1),
                Optional.empty(),
                Optional.empty(),
                Optional.empty())
            .verifier("Jefe");
    assertThatCode(
            () ->
                hmac.verify(
                    headers("X-Sig", "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"),
                    "what do ya want for nothing?".getBytes(UTF_8),
                    Instant.now()))
        .doesNotThrowAnyException();
  }

  @Test
  void tokenAcceptsOnlyTheBearerToken() {
    Verifier token = verifier(VerifierKind.TOKEN, "t0ken");
    byte[] body = "{}".getBytes(UTF_8);
    assertThatCode(
            () -> token.verify(headers("authorization", "Bearer t0ken"), body, Instant.now()))
        .doesNotThrowAnyException();
    assertThat(
            refusal(
                () -> token.verify(headers("Authorization", "Bearer t0ke"), body, Instant.now())))
        .contains("does not carry the source's token");
    assertThat(refusal(() -> token.verify(headers("Authorization", "t0ken"), body, Instant.now())))
        .contains("does not carry");
    assertThat(refusal(() -> token.verify(headers(), body, Instant.now())))
        .contains("missing Authorization");
  }

  @Test
  void tokenInAnotherHeaderHasNoPrefix() {
    Verifier token =
        new VerifierSettings(
                VerifierKind.TOKEN,
                Optional.of("X-Token"),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty())
            .verifier("t0ken");
    assertThatCode(() -> token.verify(headers("X-Token", "t0ken"), new byte[0], Instant.now()))
        .doesNotThrowAnyException();
  }

  @Test
  void settingsNameOptionsTheVerifierDoesNotUse() {
    VerifierSettings settings =
        new VerifierSettings(
            VerifierKind.GITHUB,
            Optional.of("X-Other"),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.of(Duration.ofSeconds(1)));
    assertThat(settings.violations())
        .extracting(v -> v.field())
        .containsExactly("header", "tolerance");
    assertThat(VerifierSettings.of(VerifierKind.HMAC).violations().get(0).toString())
        .contains("header")
        .contains("missing");
    assertThatThrownBy(() -> VerifierKind.parse("gitlab"))
        .hasMessageContaining("expected: one of github, stripe, standard-webhooks, hmac, token");
  }

  static String stripeSignature(String secret, long t, String body) {
    return HexFormat.of()
        .formatHex(
            HmacAlgorithm.SHA256.mac(secret.getBytes(UTF_8), (t + "." + body).getBytes(UTF_8)));
  }
}
