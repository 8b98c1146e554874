package dev.herald.dispatch.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import dev.herald.core.webhook.WebhookSecret;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/**
 * Herald's signatures judged by the Standard Webhooks project's own Java library ({@code
 * com.standardwebhooks:standardwebhooks}), the one the README's receiver guide uses: not by code of
 * ours. The library judges timestamps by the system clock, so messages are signed now.
 */
class StandardWebhooksLibraryTest {

  @Property
  void theLibrarySignsByteForByteAsHeraldDoes(
      @ForAll @AlphaChars @NumericChars @StringLength(min = 1, max = 40) String id,
      @ForAll @LongRange(min = 0, max = 4_102_444_800L) long timestamp,
      @ForAll @StringLength(max = 1024) String body,
      @ForAll @Size(min = 24, max = 64) byte[] key)
      throws Exception {
    String secret = encoded(key);

    assertThat(new Webhook(secret).sign(id, timestamp, body))
        .isEqualTo(
            WebhookSigner.webhookSignature(
                List.of(WebhookSecret.parse(secret)), id, timestamp, utf8(body)));
  }

  @Property
  void theLibraryVerifiesWithEitherSecretDuringARotation(
      @ForAll @StringLength(max = 1024) String body,
      @ForAll @Size(min = 24, max = 64) byte[] currentKey,
      @ForAll @Size(min = 24, max = 64) byte[] previousKey)
      throws Exception {
    List<String> secrets = List.of(encoded(currentKey), encoded(previousKey));
    long now = Instant.now().getEpochSecond();
    String signatures =
        WebhookSigner.webhookSignature(
            secrets.stream().map(WebhookSecret::parse).toList(), "evt_1", now, utf8(body));

    for (String secret : secrets) {
      new Webhook(secret).verify(body, headers("evt_1", now, signatures));
    }
  }

  @Property
  void theLibraryRefusesAChangedBody(
      @ForAll @StringLength(min = 1, max = 512) String body,
      @ForAll @Size(min = 24, max = 64) byte[] key,
      @ForAll @IntRange(min = 0, max = 511) int position) {
    String secret = encoded(key);
    long now = Instant.now().getEpochSecond();
    String signature =
        WebhookSigner.webhookSignature(
            List.of(WebhookSecret.parse(secret)), "evt_1", now, utf8(body));
    int at = position % body.length();
    String changed =
        body.substring(0, at) + (body.charAt(at) == 'x' ? 'y' : 'x') + body.substring(at + 1);

    assertThatThrownBy(() -> new Webhook(secret).verify(changed, headers("evt_1", now, signature)))
        .isInstanceOf(WebhookVerificationException.class);
  }

  @Example
  void theLibraryAcceptsFiveMinutesOfClockSkewAndNoMore() throws Exception {
    String secret = encoded(new byte[32]);
    Webhook receiver = new Webhook(secret);
    long now = Instant.now().getEpochSecond();
    String body = "{\"event_type\":\"user.created\"}";

    for (long sent : List.of(now - 290, now + 290)) {
      receiver.verify(body, headers("evt_1", sent, sign(secret, sent, body)));
    }
    for (long sent : List.of(now - 310, now + 310)) {
      assertThatThrownBy(
              () -> receiver.verify(body, headers("evt_1", sent, sign(secret, sent, body))))
          .isInstanceOf(WebhookVerificationException.class);
    }
  }

  private static String sign(String secret, long timestamp, String body) {
    return WebhookSigner.webhookSignature(
        List.of(WebhookSecret.parse(secret)), "evt_1", timestamp, utf8(body));
  }

  /** The three headers Herald sends, as a receiver's framework hands them over. */
  private static Map<String, List<String>> headers(String id, long timestamp, String signature) {
    return Map.of(
        WebhookHeaders.WEBHOOK_ID, List.of(id),
        WebhookHeaders.WEBHOOK_TIMESTAMP, List.of(Long.toString(timestamp)),
        WebhookHeaders.WEBHOOK_SIGNATURE, List.of(signature));
  }

  private static String encoded(byte[] key) {
    return "whsec_" + Base64.getEncoder().encodeToString(key);
  }

  private static byte[] utf8(String body) {
    return body.getBytes(StandardCharsets.UTF_8);
  }
}
