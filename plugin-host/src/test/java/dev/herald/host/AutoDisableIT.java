package dev.herald.host;

import static dev.herald.host.ApiTokens.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.linecorp.armeria.common.HttpStatus;
import dev.herald.proto.event.v1.EventEnvelope;
import dev.herald.proto.plugin.v1.DeliverRequest;
import dev.herald.proto.plugin.v1.DeliverResponse;
import dev.herald.proto.plugin.v1.DescribeResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Over REST: a target that does nothing but fail for {@code delivery.auto_disable_after} is
 * disabled with the reason shown; the events that arrive meanwhile reach it only when a resume asks
 * for them with {@code replay_missed}.
 */
class AutoDisableIT {

  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final Duration WAIT = Duration.ofSeconds(30);
  // Failures every 100 ms, a 1 s period: disabled about a second after the first failure.
  private static final String DELIVERY =
      """
      delivery:
        poll_interval: 100ms
        auto_disable_after: 1s
        circuit_breaker: {failure_threshold: 1000, open_for: 1h}
        retry:
          schedule: [100ms, 100ms, 100ms, 100ms, 100ms, 100ms, 100ms, 100ms, 100ms, 100ms, 100ms,
                     100ms, 100ms, 100ms, 100ms, 100ms, 100ms, 100ms, 100ms, 100ms, 100ms, 100ms,
                     100ms, 100ms, 100ms, 100ms, 100ms, 100ms, 100ms, 100ms, 100ms, 100ms, 100ms]
      """;

  @TempDir Path folder;
  @AutoClose private WebhookReceiver receiver;
  @AutoClose private ScriptedPluginServer plugin;
  @AutoClose private TestHerald herald;
  private final AtomicBoolean up = new AtomicBoolean();

  @Test
  void aFailingWebhookIsDisabledWithTheReasonAndAResumeReplaysWhatItMissed() {
    receiver =
        WebhookReceiver.start(
            SECRET,
            (path, id, attempt) -> up.get() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    herald =
        TestHerald.startWithApi(
            folder,
            DELIVERY
                + """
                webhooks:
                  - id: down
                    url: %s
                    secret: %s
                    event_types: [user.*]
                """
                    .formatted(receiver.url("/down"), SECRET),
            Clock.systemUTC());
    ApiClients api = new ApiClients(herald.apiUrl());
    EventEnvelope first = herald.publish("user.created", "acme", "{\"user_id\":\"u0\"}");

    await()
        .atMost(WAIT)
        .until(() -> webhook(api).get("status").asText().equals("WEBHOOK_STATUS_DISABLED"));
    JsonNode disabled = webhook(api);
    assertThat(disabled.get("status_reason").asText())
        .startsWith("auto-disabled: only failures since ")
        .contains("(last error: HTTP 503");
    assertThat(disabled.has("auto_disabled_at")).isTrue();
    assertThat(disabled.has("failing_since")).isTrue();

    List<EventEnvelope> missed = herald.publishUsersCreated("acme", 3);
    up.set(true);
    ApiClients.Reply resumed =
        api.post(ADMIN, "/api/v1/webhooks/down:resume", "{\"replay_missed\": true}");

    assertThat(resumed.status()).isEqualTo(200);
    assertThat(resumed.body().get("status").asText()).isEqualTo("WEBHOOK_STATUS_ACTIVE");
    assertThat(resumed.body().get("missed_events").asLong()).isEqualTo(3);
    assertThat(resumed.body().get("missed_replayed").asBoolean()).isTrue();
    assertThat(resumed.body().has("auto_disabled_at")).as("the streak starts afresh").isFalse();
    List<String> expected =
        List.of(
            first.getEventId(),
            missed.get(0).getEventId(),
            missed.get(1).getEventId(),
            missed.get(2).getEventId());
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(
                        receiver.received().stream()
                            .filter(r -> r.status() == 200)
                            .map(WebhookReceiver.Received::webhookId)
                            .distinct()
                            .toList())
                    .containsExactlyInAnyOrderElementsOf(expected));
  }

  @Test
  void aFailingPluginIsDisabledWithTheReasonAndAResumeReplaysWhatItMissed() throws Exception {
    plugin =
        new ScriptedPluginServer(
            DescribeResponse.newBuilder()
                .setPluginId("mirror")
                .setVersion("1.0.0")
                .setProtocolVersion(1)
                .build(),
            request ->
                DeliverResponse.newBuilder()
                    .setOutcome(
                        up.get() ? DeliverResponse.Outcome.ACK : DeliverResponse.Outcome.RETRY)
                    .build());
    Path plugins = Files.createDirectories(folder.resolve("plugins"));
    Files.writeString(
        plugins.resolve("mirror.plugin.yaml"),
        """
        id: mirror
        version: 1.0.0
        protocol_versions: [1]
        address: 127.0.0.1:%d
        subscriptions:
          - event_types: [user.*]
        """
            .formatted(plugin.port()));
    herald =
        TestHerald.startWithApi(
            folder,
            DELIVERY
                + """
                plugins:
                  directory: %s
                  health_interval: 100ms
                """
                    .formatted(plugins),
            Clock.systemUTC());
    ApiClients api = new ApiClients(herald.apiUrl());
    await()
        .atMost(WAIT)
        .until(() -> plugin(api).get("state").asText().equals("PLUGIN_STATE_SERVING"));
    herald.publish("user.created", "acme", "{\"user_id\":\"u0\"}");

    await().atMost(WAIT).until(() -> !plugin(api).path("disabled_reason").asText().isEmpty());
    JsonNode disabled = plugin(api);
    assertThat(disabled.get("disabled_reason").asText())
        .startsWith("auto-disabled: only failures since ");
    assertThat(disabled.has("auto_disabled_at")).isTrue();

    List<EventEnvelope> missed = herald.publishUsersCreated("acme", 2);
    up.set(true);
    ApiClients.Reply resumed =
        api.post(ADMIN, "/api/v1/plugins/mirror:resume", "{\"replay_missed\": true}");

    assertThat(resumed.status()).isEqualTo(200);
    assertThat(resumed.body().get("missed_events").asLong()).isEqualTo(2);
    assertThat(resumed.body().path("disabled_reason").asText()).isEmpty();
    assertThat(resumed.body().get("missed_replayed").asBoolean()).isTrue();
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(
                        plugin.received().stream()
                            .map(DeliverRequest::getEnvelope)
                            .map(EventEnvelope::getEventId)
                            .toList())
                    .contains(missed.get(0).getEventId(), missed.get(1).getEventId()));
  }

  private static JsonNode webhook(ApiClients api) {
    ApiClients.Reply reply = api.get(ADMIN, "/api/v1/webhooks/down");
    assertThat(reply.status()).isEqualTo(200);
    return reply.body();
  }

  private static JsonNode plugin(ApiClients api) {
    ApiClients.Reply reply = api.get(ADMIN, "/api/v1/plugins/mirror");
    assertThat(reply.status()).isEqualTo(200);
    return reply.body();
  }
}
