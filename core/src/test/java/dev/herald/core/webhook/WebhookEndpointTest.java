package dev.herald.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.core.testing.Endpoints;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebhookEndpointTest {

  private static final Instant EXPIRY = Instant.parse("2026-01-01T12:00:00Z");

  private static WebhookEndpoint rotated(WebhookSecret current, WebhookSecret previous) {
    WebhookEndpoint e = Endpoints.endpoint("crm", "https://crm.example.com/", "*");
    return new WebhookEndpoint(
        e.id(),
        e.realmId(),
        e.url(),
        current,
        e.status(),
        e.timeout(),
        e.maxInFlight(),
        e.subscriptions(),
        e.source(),
        Optional.of(new PreviousSecret(previous, EXPIRY)),
        Optional.empty(),
        Optional.empty(),
        Map.of(),
        Optional.empty(),
        WebhookBodyFormat.HERALD);
  }

  @Test
  void bothSecretsSignUntilThePreviousOneExpiresThenOnlyTheCurrentOne() {
    WebhookSecret current = WebhookSecret.generate(new SecureRandom());
    WebhookEndpoint endpoint = rotated(current, Endpoints.SECRET);

    assertThat(endpoint.signingSecrets(EXPIRY.minusMillis(1)))
        .containsExactly(current, Endpoints.SECRET);
    assertThat(endpoint.signingSecrets(EXPIRY)).containsExactly(current);
  }

  @Test
  void anEndpointNeverRotatedSignsWithItsSecret() {
    assertThat(Endpoints.endpoint("a", "https://a/", "*").signingSecrets(EXPIRY))
        .containsExactly(Endpoints.SECRET);
  }

  @Test
  void toStringShowsTheHeadersNamesButNeverTheirValues() {
    WebhookEndpoint endpoint =
        Endpoints.endpoint("crm", "https://crm.example.com/", "*")
            .withHeaders(Map.of("Authorization", "Bearer s3cr3t"));

    assertThat(endpoint.toString())
        .contains("headers=[Authorization]")
        .doesNotContain("s3cr3t")
        .doesNotContain(Endpoints.SECRET.encoded().substring(6));
  }

  @Test
  void keepsTheHeadersInTheirOrderAndUnmodifiable() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-B", "1");
    headers.put("X-A", "2");

    WebhookEndpoint endpoint =
        Endpoints.endpoint("crm", "https://crm.example.com/", "*").withHeaders(headers);
    headers.put("X-C", "3");

    assertThat(endpoint.headers().keySet()).containsExactly("X-B", "X-A");
    assertThatThrownBy(() -> endpoint.headers().put("X-D", "4"))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
