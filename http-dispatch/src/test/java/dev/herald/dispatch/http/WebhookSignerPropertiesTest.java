package dev.herald.dispatch.http;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.core.webhook.WebhookSecret;
import dev.herald.dispatch.http.testing.StandardWebhooksVerifier;
import dev.herald.dispatch.http.testing.StandardWebhooksVerifier.VerificationException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

class WebhookSignerPropertiesTest {

  @Property
  void signedMessagesVerify(
      @ForAll @StringLength(min = 1, max = 64) String id,
      @ForAll @LongRange(min = 0, max = 4_102_444_800L) long timestamp,
      @ForAll @Size(max = 2048) byte[] body,
      @ForAll @Size(min = 24, max = 64) byte[] key,
      @ForAll @IntRange(min = -300, max = 300) int clockSkewSeconds) {
    WebhookSecret secret = secret(key);
    StandardWebhooksVerifier verifier =
        new StandardWebhooksVerifier(secret.encoded(), clockAt(timestamp + clockSkewSeconds));

    verifier.verify(
        id,
        Long.toString(timestamp),
        WebhookSigner.webhookSignature(List.of(secret), id, timestamp, body),
        body);
    verifier.verifyReauth(WebhookSigner.reauthSignature(secret, timestamp, body), body);
  }

  @Property
  void aFlippedBodyByteFailsVerification(
      @ForAll @StringLength(min = 1, max = 64) String id,
      @ForAll @LongRange(min = 0, max = 4_102_444_800L) long timestamp,
      @ForAll @Size(min = 1, max = 512) byte[] body,
      @ForAll @Size(min = 24, max = 64) byte[] key,
      @ForAll @IntRange(min = 0, max = 511) int position,
      @ForAll @IntRange(min = 1, max = 255) int mask) {
    WebhookSecret secret = secret(key);
    StandardWebhooksVerifier verifier =
        new StandardWebhooksVerifier(secret.encoded(), clockAt(timestamp));
    String signature = WebhookSigner.webhookSignature(List.of(secret), id, timestamp, body);
    String reauth = WebhookSigner.reauthSignature(secret, timestamp, body);
    byte[] tampered = body.clone();
    tampered[position % tampered.length] ^= (byte) mask;

    assertThatThrownBy(() -> verifier.verify(id, Long.toString(timestamp), signature, tampered))
        .isInstanceOf(VerificationException.class);
    assertThatThrownBy(() -> verifier.verifyReauth(reauth, tampered))
        .isInstanceOf(VerificationException.class);
  }

  @Property
  void aReceiverHoldingAnyActiveSecretVerifies(
      @ForAll @Size(max = 256) byte[] body,
      @ForAll @Size(min = 24, max = 64) byte[] currentKey,
      @ForAll @Size(min = 24, max = 64) byte[] previousKey) {
    long timestamp = 1_700_000_000L;
    List<WebhookSecret> secrets = List.of(secret(currentKey), secret(previousKey));
    String signatures = WebhookSigner.webhookSignature(secrets, "msg_1", timestamp, body);

    for (WebhookSecret secret : secrets) {
      new StandardWebhooksVerifier(secret.encoded(), clockAt(timestamp))
          .verify("msg_1", Long.toString(timestamp), signatures, body);
    }
  }

  @Property
  void timestampsMoreThanFiveMinutesOffAreRejected(
      @ForAll @Size(max = 256) byte[] body,
      @ForAll @Size(min = 24, max = 64) byte[] key,
      @ForAll @IntRange(min = 301, max = 1_000_000) int skewSeconds,
      @ForAll boolean receiverAhead) {
    long timestamp = 1_700_000_000L;
    WebhookSecret secret = secret(key);
    String signature = WebhookSigner.webhookSignature(List.of(secret), "msg_1", timestamp, body);
    long receiverNow = receiverAhead ? timestamp + skewSeconds : timestamp - skewSeconds;
    StandardWebhooksVerifier verifier =
        new StandardWebhooksVerifier(secret.encoded(), clockAt(receiverNow));

    assertThatThrownBy(() -> verifier.verify("msg_1", Long.toString(timestamp), signature, body))
        .isInstanceOf(VerificationException.class)
        .hasMessageContaining("timestamp");
  }

  private static WebhookSecret secret(byte[] key) {
    return WebhookSecret.parse("whsec_" + Base64.getEncoder().encodeToString(key));
  }

  private static Clock clockAt(long epochSeconds) {
    return Clock.fixed(Instant.ofEpochSecond(epochSeconds), ZoneOffset.UTC);
  }
}
