package dev.herald.dispatch.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.core.webhook.WebhookSecret;
import dev.herald.dispatch.http.testing.StandardWebhooksVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {

  private static final WebhookSecret SPEC_SECRET =
      WebhookSecret.parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
  private static final WebhookSecret NEXT_SECRET =
      WebhookSecret.parse("whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
  private static final String SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  private static final long SPEC_TIMESTAMP = 1614265330L;
  private static final byte[] SPEC_BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
  private static final Clock AT_SPEC_TIME =
      Clock.fixed(Instant.ofEpochSecond(SPEC_TIMESTAMP), ZoneOffset.UTC);

  @Test
  void signsTheStandardWebhooksTestVector() {
    assertThat(
            WebhookSigner.webhookSignature(
                List.of(SPEC_SECRET), SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY))
        .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  }

  @Test
  void signsWithEveryActiveSecretCurrentFirst() {
    String both =
        WebhookSigner.webhookSignature(
            List.of(SPEC_SECRET, NEXT_SECRET), SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY);

    assertThat(both.split(" "))
        .containsExactly(
            "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
            WebhookSigner.webhookSignature(
                List.of(NEXT_SECRET), SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY));
    new StandardWebhooksVerifier(NEXT_SECRET.encoded(), AT_SPEC_TIME)
        .verify(SPEC_ID, Long.toString(SPEC_TIMESTAMP), both, SPEC_BODY);
  }

  @Test
  void reauthSignatureIsLowercaseHexOverTimestampAndBody() {
    String header = WebhookSigner.reauthSignature(SPEC_SECRET, SPEC_TIMESTAMP, SPEC_BODY);

    assertThat(header).matches("t=1614265330,v1=[0-9a-f]{64}");
    new StandardWebhooksVerifier(SPEC_SECRET.encoded(), AT_SPEC_TIME)
        .verifyReauth(header, SPEC_BODY);
  }

  @Test
  void rejectsWhatCannotBeSigned() {
    assertThatThrownBy(() -> WebhookSigner.webhookSignature(List.of(), SPEC_ID, 1, SPEC_BODY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("secrets: [] (expected: at least one)");
    assertThatThrownBy(() -> WebhookSigner.webhookSignature(List.of(SPEC_SECRET), "", 1, SPEC_BODY))
        .hasMessage("messageId: empty (expected: non-empty)");
    assertThatThrownBy(() -> WebhookSigner.reauthSignature(SPEC_SECRET, -1, SPEC_BODY))
        .hasMessage("timestampSeconds: -1 (expected: >= 0)");
    assertThatThrownBy(() -> WebhookSigner.reauthSignature(null, 1, SPEC_BODY))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("secret");
  }
}
