package dev.herald.host;

import static dev.herald.host.ApiTokens.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.linecorp.armeria.common.HttpStatus;
import dev.herald.core.testing.SettableClock;
import dev.herald.host.ApiClients.Reply;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-target rate limits seen from outside, under a settable clock: a webhook receives no more than
 * its `rate_limit` allows, the deliveries held back wait without using attempts, and a test
 * delivery over the limit is refused with 429 and Retry-After, nothing sent.
 */
class RateLimitIT {

  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path folder;
  private final SettableClock clock = SettableClock.atEpoch2026();
  @AutoClose private WebhookReceiver receiver;
  @AutoClose private TestHerald herald;

  private ApiClients start(String webhooks) {
    receiver = WebhookReceiver.start(List.of(SECRET), clock, (path, id, attempt) -> HttpStatus.OK);
    herald = TestHerald.startWithApi(folder, webhooks.formatted(receiver.url("/limited")), clock);
    return new ApiClients(herald.apiUrl());
  }

  private int attemptLogRows() {
    return herald
        .server()
        .database()
        .read(ctx -> ctx.fetchCount(dev.herald.core.store.jooq.Tables.DELIVERY_LOGS));
  }

  @Test
  void aConfiguredLimitHoldsDeliveriesBackWithoutUsingAttempts() {
    ApiClients api =
        start(
            """
            webhooks:
              - id: limited
                url: %s
                secret: whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
                event_types: [user.*]
                rate_limit: 3/min
            """);
    assertThat(api.get(ADMIN, "/api/v1/webhooks/limited").body().get("rate_limit").asText())
        .isEqualTo("3/min");

    herald.publishUsersCreated("acme", 6);

    await().atMost(WAIT).until(() -> receiver.received().size() == 3);
    clock.advance(Duration.ofSeconds(20)); // one permit
    await().atMost(WAIT).until(() -> receiver.received().size() == 4);
    assertThat(attemptLogRows()).as("held deliveries used no attempts").isEqualTo(4);
    assertThat(herald.statuses()).filteredOn("pending"::equals).hasSize(2);

    clock.advance(Duration.ofSeconds(40));
    await().atMost(WAIT).until(() -> receiver.received().size() == 6);
    assertThat(receiver.delivered("/limited")).hasSize(6);
    assertThat(attemptLogRows()).isEqualTo(6);
  }

  @Test
  void theApiSetsAndRemovesALimitAndTestDeliveriesCountAgainstIt() {
    ApiClients api = start("# no configured webhooks: %s\n");
    Reply bad =
        api.post(
            ADMIN,
            "/api/v1/webhooks",
            "{\"id\": \"limited\", \"url\": \"%s\", \"rate_limit\": \"fast\"}"
                .formatted(receiver.url("/limited")));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body().toString()).contains("rate_limit", "'fast'", "50/s");

    Reply created =
        api.post(
            ADMIN,
            "/api/v1/webhooks",
            "{\"id\": \"limited\", \"url\": \"%s\", \"rate_limit\": \"2/min\", \"secret\": \"%s\"}"
                .formatted(receiver.url("/limited"), SECRET));
    assertThat(created.status()).isEqualTo(200);
    assertThat(created.body().get("webhook").get("rate_limit").asText()).isEqualTo("2/min");

    assertThat(api.post(ADMIN, "/api/v1/webhooks/limited:test", "{}").status()).isEqualTo(200);
    assertThat(api.post(ADMIN, "/api/v1/webhooks/limited:test", "{}").status()).isEqualTo(200);
    Reply refused = api.post(ADMIN, "/api/v1/webhooks/limited:test", "{}");
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.headers().get("retry-after")).isEqualTo("30");
    assertThat(refused.body().toString())
        .contains("webhook 'limited' is at its rate limit of 2/min", "not sent");
    assertThat(receiver.received()).hasSize(2);

    Reply unlimited = api.patch(ADMIN, "/api/v1/webhooks/limited", "{\"rate_limit\": \"\"}");
    assertThat(unlimited.status()).isEqualTo(200);
    assertThat(unlimited.body().get("rate_limit").asText()).as("empty: no limit").isEmpty();
    assertThat(api.post(ADMIN, "/api/v1/webhooks/limited:test", "{}").status()).isEqualTo(200);
    assertThat(receiver.received()).hasSize(3);
  }
}
