package dev.herald.host;

import static dev.herald.host.ApiTokens.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.util.Durations;
import com.linecorp.armeria.common.HttpStatus;
import dev.herald.core.testing.SettableClock;
import dev.herald.host.ApiClients.Reply;
import dev.herald.proto.admin.v1.CreateWebhookRequest;
import dev.herald.proto.admin.v1.GetWebhookRequest;
import dev.herald.proto.admin.v1.PauseWebhookRequest;
import dev.herald.proto.admin.v1.ResumeWebhookRequest;
import dev.herald.proto.admin.v1.RotateWebhookSecretRequest;
import dev.herald.proto.admin.v1.TargetStats;
import dev.herald.proto.admin.v1.TestWebhookRequest;
import dev.herald.proto.admin.v1.TestWebhookResponse;
import dev.herald.proto.admin.v1.WebhookServiceGrpc.WebhookServiceBlockingStub;
import dev.herald.proto.event.v1.EventEnvelope;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator does to a live endpoint: pause and resume, test it, rotate its secret; one
 * subclass per database.
 */
abstract class WebhookDeliveryControlContract {

  private static final String OLD_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final String NEW_SECRET = "whsec_dGhpcyBpcyB0aGUgbmV3IHNlY3JldCBrZXkgMTIz";
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path folder;
  private final TestDatabase database;
  @AutoClose private TestHerald herald;
  @AutoClose private WebhookReceiver receiver;
  private final SettableClock clock =
      new SettableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
  private ApiClients api;
  private WebhookServiceBlockingStub webhooks;

  WebhookDeliveryControlContract(TestDatabase database) {
    this.database = database;
  }

  private void start(WebhookReceiver.Plan plan) {
    receiver = WebhookReceiver.start(List.of(OLD_SECRET, NEW_SECRET), clock, plan);
    herald =
        TestHerald.startWithApi(database, folder, "delivery:\n  poll_interval: 100ms\n", clock);
    api = new ApiClients(herald.apiUrl());
    webhooks = api.grpc(WebhookServiceBlockingStub.class, ADMIN);
    webhooks.createWebhook(
        CreateWebhookRequest.newBuilder()
            .setId("crm")
            .setRealmId("acme")
            .setUrl(receiver.url("/crm"))
            .setSecret(OLD_SECRET)
            .addEventTypes("user.*")
            .build());
  }

  private List<EventEnvelope> publish(int count) {
    return herald.publishUsersCreated("acme", count);
  }

  private TargetStats stats() {
    return webhooks.getWebhook(GetWebhookRequest.newBuilder().setId("crm").build()).getStats();
  }

  @Test
  void pausedEndpointAccumulatesPendingDeliveriesAndDrainsThemOnResume() {
    start((path, id, attempt) -> HttpStatus.OK);
    webhooks.pauseWebhook(PauseWebhookRequest.newBuilder().setId("crm").build());

    List<String> ids = publish(5).stream().map(EventEnvelope::getEventId).toList();

    await().atMost(WAIT).until(() -> stats().getPending() == 5);
    clock.advance(Duration.ofMinutes(3));
    TargetStats held = stats();
    assertThat(held.getOldestWaitingAge()).isEqualTo(Durations.fromMinutes(3));
    assertThat(herald.statuses()).containsOnly("pending").hasSize(5);
    assertThat(receiver.received()).isEmpty();
    Reply rest = api.get(ADMIN, "/api/v1/webhooks/crm");
    assertThat(rest.body().get("stats").get("pending").asInt()).isEqualTo(5);
    assertThat(rest.body().get("stats").get("oldest_waiting_age").asText()).isEqualTo("180s");

    webhooks.resumeWebhook(ResumeWebhookRequest.newBuilder().setId("crm").build());

    await().atMost(WAIT).until(() -> receiver.delivered("/crm").size() == 5);
    assertThat(receiver.delivered("/crm")).containsExactlyInAnyOrderElementsOf(ids);
    await()
        .atMost(WAIT)
        .until(
            () ->
                herald
                    .statuses()
                    .equals(
                        List.of("succeeded", "succeeded", "succeeded", "succeeded", "succeeded")));
    assertThat(stats().getPending()).isZero();
    assertThat(stats().hasOldestWaitingAge()).isFalse();
  }

  @Test
  void testDeliveryReturnsTheAttemptsResultOverGrpcAndRest() {
    start((path, id, attempt) -> HttpStatus.OK);
    webhooks.pauseWebhook(PauseWebhookRequest.newBuilder().setId("crm").build());

    TestWebhookResponse ok =
        webhooks.testWebhook(TestWebhookRequest.newBuilder().setId("crm").build());
    assertThat(ok.getDelivered()).isTrue();
    assertThat(ok.getOutcome()).isEqualTo("succeeded");
    assertThat(ok.getHttpStatus()).isEqualTo(200);
    assertThat(Durations.toNanos(ok.getLatency())).isPositive();
    WebhookReceiver.Received first = receiver.received().get(0);
    assertThat(first.webhookId()).isEqualTo(ok.getEventId());
    assertThat(first.body()).contains("\"purpose\":\"PURPOSE_TEST\"").contains("\"test\":true");
    assertThat(first.verified()).isTrue();

    Reply viaRest =
        api.post(
            ADMIN,
            "/api/v1/webhooks/crm:test",
            "{\"event_type\": \"user.tested\", \"json_payload\": \"{\\\"n\\\":1}\"}");
    assertThat(viaRest.status()).isEqualTo(200);
    assertThat(viaRest.body().get("delivered").asBoolean()).isTrue();
    assertThat(viaRest.body().get("http_status").asInt()).isEqualTo(200);
    assertThat(receiver.received()).hasSize(2);
    assertThat(receiver.received().get(1).body()).contains("\"event_type\":\"user.tested\"");
    assertThat(herald.statuses()).isEmpty(); // tests go around the outbox
  }

  @Test
  void testDeliveryReportsAFailingEndpoint() {
    start((path, id, attempt) -> HttpStatus.SERVICE_UNAVAILABLE);

    Reply failed = api.post(ADMIN, "/api/v1/webhooks/crm:test", "{}");

    assertThat(failed.status()).isEqualTo(200);
    assertThat(failed.body().get("delivered").asBoolean()).isFalse();
    assertThat(failed.body().get("outcome").asText()).isEqualTo("retry");
    assertThat(failed.body().get("http_status").asInt()).isEqualTo(503);
    assertThat(failed.body().get("latency").asText()).endsWith("s");
  }

  @Test
  void bothSecretsSignDuringTheGracePeriodAndOnlyTheNewOneAfter() {
    start((path, id, attempt) -> HttpStatus.OK);

    webhooks.rotateWebhookSecret(
        RotateWebhookSecretRequest.newBuilder()
            .setId("crm")
            .setSecret(NEW_SECRET)
            .setGracePeriod(Durations.fromHours(1))
            .build());
    publish(1);
    await().atMost(WAIT).until(() -> receiver.received().size() == 1);
    WebhookReceiver.Received during = receiver.received().get(0);
    assertThat(during.verifiedWith()).isEqualTo(Set.of(OLD_SECRET, NEW_SECRET));
    assertThat(during.signature().split(" ")).hasSize(2).allMatch(s -> s.startsWith("v1,"));

    clock.advance(Duration.ofMinutes(61));
    webhooks.testWebhook(TestWebhookRequest.newBuilder().setId("crm").build());
    WebhookReceiver.Received after = receiver.received().get(1);
    assertThat(after.verifiedWith()).isEqualTo(Set.of(NEW_SECRET));
    assertThat(after.signature().split(" ")).hasSize(1);
    assertThat(after.verified()).isTrue();
    assertThat(
            webhooks
                .getWebhook(GetWebhookRequest.newBuilder().setId("crm").build())
                .hasPreviousSecretExpiresAt())
        .isFalse();
  }
}
