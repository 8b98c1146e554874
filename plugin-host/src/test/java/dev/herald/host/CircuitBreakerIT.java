package dev.herald.host;

import static dev.herald.host.ApiTokens.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.linecorp.armeria.common.HttpStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A webhook that keeps failing opens its circuit breaker: its waiting deliveries are given back
 * unattempted, and the admin API shows the breaker.
 */
class CircuitBreakerIT {

  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path folder;
  @AutoClose private WebhookReceiver receiver;
  @AutoClose private TestHerald herald;

  @Test
  void opensAfterConsecutiveFailuresAndShowsInTheAdminApi() {
    receiver = WebhookReceiver.start(SECRET, (path, id, attempt) -> HttpStatus.SERVICE_UNAVAILABLE);
    herald =
        TestHerald.startWithApi(
            folder,
            """
            delivery:
              circuit_breaker: {failure_threshold: 2, open_for: 1h}
            webhooks:
              - id: down
                url: %s
                secret: %s
                event_types: [user.*]
                max_in_flight: 1
            """
                .formatted(receiver.url("/down"), SECRET),
            java.time.Clock.systemUTC());
    ApiClients api = new ApiClients(herald.apiUrl());
    assertThat(breaker(api).get("state").asText()).isEqualTo("CIRCUIT_STATE_CLOSED");

    herald.publishUsersCreated("acme", 4);

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> assertThat(breaker(api).get("state").asText()).isEqualTo("CIRCUIT_STATE_OPEN"));
    JsonNode breaker = breaker(api);
    assertThat(breaker.get("consecutive_failures").asInt()).isEqualTo(2);
    assertThat(breaker.has("open_until")).isTrue();
    assertThat(receiver.received()).as("two attempts opened it").hasSize(2);
    // The other two waited in the lane: given back unattempted, not left in flight.
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(herald.statuses())
                    .containsExactlyInAnyOrderElementsOf(
                        List.of("scheduled", "scheduled", "pending", "pending")));
    ApiClients.Reply handedBack =
        api.get(
            ADMIN, "/api/v1/deliveries?webhook_id=down&all_realms=true&error_class=breaker_open");
    assertThat(handedBack.status()).isEqualTo(200);
    assertThat(handedBack.body().get("deliveries"))
        .hasSize(2)
        .allSatisfy(
            delivery -> {
              assertThat(delivery.get("status").asText()).isEqualTo("DELIVERY_STATUS_PENDING");
              assertThat(delivery.get("attempt_count").asInt()).isZero();
            });
  }

  private static JsonNode breaker(ApiClients api) {
    ApiClients.Reply reply = api.get(ADMIN, "/api/v1/webhooks/down");
    assertThat(reply.status()).isEqualTo(200);
    return reply.body().get("circuit_breaker");
  }
}
