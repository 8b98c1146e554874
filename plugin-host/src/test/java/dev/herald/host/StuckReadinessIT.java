package dev.herald.host;

import static dev.herald.host.ApiTokens.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.linecorp.armeria.common.HttpStatus;
import dev.herald.core.testing.SettableClock;
import dev.herald.host.ApiClients.Reply;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /ready} turns not-ready when a target's due work waits past {@code delivery.stuck_after},
 * and the webhook's stats say the same; a target held on purpose (paused) is not stuck.
 */
class StuckReadinessIT {

  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path folder;
  @AutoClose private WebhookReceiver receiver;
  @AutoClose private TestHerald herald;
  private final SettableClock clock = SettableClock.atEpoch2026();

  @Test
  void dueWorkUntakenPastTheThresholdMakesTheServerNotReadyUntilItsTargetIsHeld() {
    receiver = WebhookReceiver.start(SECRET, (path, id, attempt) -> HttpStatus.SERVICE_UNAVAILABLE);
    // One failure opens the breaker for an hour: the deliveries stay due and nothing takes them.
    herald =
        TestHerald.startWithApi(
            folder,
            """
            delivery:
              stuck_after: 15m
              circuit_breaker: {failure_threshold: 1, open_for: 1h}
            webhooks:
              - id: down
                url: %s
                secret: %s
                event_types: [user.*]
                max_in_flight: 1
            """
                .formatted(receiver.url("/down"), SECRET),
            clock);
    ApiClients api = new ApiClients(herald.apiUrl());
    herald.publishUsersCreated("acme", 2);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(webhook(api).at("/circuit_breaker/state").asText())
                    .isEqualTo("CIRCUIT_STATE_OPEN"));
    Reply young = api.get(null, "/ready");
    assertThat(young.status()).as("due for less than 15m: %s", young.body()).isEqualTo(200);
    assertThat(webhook(api).at("/stats/stuck").asBoolean()).isFalse();

    clock.advance(Duration.ofMinutes(20));

    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(api.get(null, "/ready").status()).isEqualTo(503));
    Reply stuck = api.get(null, "/ready");
    assertThat(stuck.body().get("ready").asBoolean()).isFalse();
    assertThat(stuck.body().get("database").asText()).isEqualTo("reachable");
    assertThat(stuck.body().get("stuck")).hasSize(1);
    assertThat(stuck.body().get("stuck").get(0).asText()).isEqualTo("webhook:down");
    assertThat(stuck.body().get("reason").asText())
        .startsWith("stuck: deliveries of webhook:down have been due for more than 15m");
    JsonNode stats = webhook(api).get("stats");
    assertThat(stats.get("stuck").asBoolean()).isTrue();
    assertThat(stats.get("oldest_due_age").asText()).isNotEmpty();

    assertThat(api.post(ADMIN, "/api/v1/webhooks/down:pause", "{}").status()).isEqualTo(200);

    Reply held = api.get(null, "/ready");
    assertThat(held.status())
        .as("a paused target waits on purpose: %s", held.body())
        .isEqualTo(200);
    assertThat(held.body().get("stuck")).isEmpty();
    assertThat(webhook(api).at("/stats/stuck").asBoolean()).isFalse();
  }

  private static JsonNode webhook(ApiClients api) {
    Reply reply = api.get(ADMIN, "/api/v1/webhooks/down");
    assertThat(reply.status()).isEqualTo(200);
    return reply.body();
  }
}
