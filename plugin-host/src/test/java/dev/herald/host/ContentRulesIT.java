package dev.herald.host;

import static dev.herald.host.ApiTokens.ACME_ADMIN;
import static dev.herald.host.ApiTokens.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.linecorp.armeria.common.HttpStatus;
import dev.herald.core.store.jooq.tables.records.DeliveryLogsRecord;
import dev.herald.host.ApiClients.Reply;
import dev.herald.proto.admin.v1.CreateSubscriptionRequest;
import dev.herald.proto.admin.v1.PreviewWebhookDeliveryRequest;
import dev.herald.proto.admin.v1.PreviewWebhookDeliveryResponse;
import dev.herald.proto.admin.v1.Subscription;
import dev.herald.proto.admin.v1.WebhookServiceGrpc.WebhookServiceBlockingStub;
import dev.herald.proto.event.v1.EventEnvelope;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Content patterns and transformations end to end on a real server and receiver: declared in the
 * config file or over REST and gRPC, refused naming the path inside the rule, applied to what is
 * delivered and signed, a failing transformation dead-lettered with its reason, and previewed.
 */
class ContentRulesIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

  @TempDir Path folder;
  private WebhookReceiver receiver;
  private TestHerald herald;
  private ApiClients api;

  @BeforeEach
  void start() {
    receiver = WebhookReceiver.start(SECRET, (path, id, attempt) -> HttpStatus.OK);
    herald =
        TestHerald.startWithApi(
            folder,
            """
            delivery:
              poll_interval: 100ms
            webhooks:
              - id: big
                url: '%s'
                secret: %s
                subscriptions:
                  - event_types: [order.*]
                    content_pattern: {payload: {total: [{numeric: [">", 100]}]}}
                    transform: '{id: event_id, total: payload.total}'
              - id: broken
                url: '%s'
                secret: %s
                subscriptions:
                  - event_types: [order.*]
                    content_pattern: '{"payload": {"region": ["eu"]}}'
                    transform: abs(payload.region)
            """
                .formatted(receiver.url("/big"), SECRET, receiver.url("/broken"), SECRET),
            Clock.systemUTC());
    api = new ApiClients(herald.apiUrl());
  }

  @AfterEach
  void stop() {
    herald.close();
    receiver.close();
  }

  @Test
  void theReceiverGetsTheTransformedBodySignedAndAFailingTransformIsDeadLettered() {
    EventEnvelope large =
        herald.publish("order.created", "", "{\"total\": 500, \"region\": \"us\"}");
    EventEnvelope european =
        herald.publish("order.created", "", "{\"total\": 5, \"region\": \"eu\"}");

    await().atMost(WAIT).until(() -> !at("/big").isEmpty());
    WebhookReceiver.Received received = at("/big").get(0);
    assertThat(received.body()).isEqualTo("{\"id\":\"" + large.getEventId() + "\",\"total\":500}");
    assertThat(received.verified()).isTrue();

    await()
        .atMost(WAIT)
        .until(() -> "dead".equals(herald.statusByEventId().get(european.getEventId())));
    List<DeliveryLogsRecord> logs = herald.logsOf(european);
    assertThat(logs).hasSize(1);
    assertThat(logs.get(0).getErrorClass()).isEqualTo("transform_failed");
    assertThat(logs.get(0).getErrorMessage())
        .contains("abs(payload.region)")
        .contains("failed on this event");
    assertThat(at("/broken")).isEmpty();
    assertThat(herald.statusByEventId()).hasSize(2);
  }

  @Test
  void rulesAreCreatedChangedAndRefusedOverRestNamingThePathInside() {
    Reply badPattern =
        api.post(
            ADMIN,
            "/api/v1/webhooks",
            """
            {"id": "crm", "url": "%s", "event_types": ["order.*"],
             "content_pattern": "{\\"payload\\": {\\"total\\": [{\\"numeric\\": [\\">\\", \\"x\\"]}]}}"}
            """
                .formatted(receiver.url("/crm")));
    assertThat(badPattern.status()).isEqualTo(400);
    assertThat(badPattern.body().get("message").asText())
        .startsWith("content_pattern.payload.total: ");
    assertThat(api.get(ADMIN, "/api/v1/webhooks/crm").status()).isEqualTo(404);

    Reply created =
        api.post(
            ADMIN,
            "/api/v1/webhooks",
            """
            {"id": "crm", "url": "%s", "secret": "%s", "event_types": ["order.*"],
             "content_pattern": "{\\"payload\\": {\\"region\\": [\\"eu\\"]}}",
             "transform": "payload.total"}
            """
                .formatted(receiver.url("/crm"), SECRET));
    assertThat(created.status()).as(created.body().toString()).isEqualTo(200);
    JsonNode subscription = created.body().get("webhook").get("subscriptions").get(0);
    assertThat(subscription.get("content_pattern").asText())
        .isEqualTo("{\"payload\":{\"region\":[\"eu\"]}}");
    assertThat(subscription.get("transform").asText()).isEqualTo("payload.total");

    Reply badTransform =
        api.post(
            ADMIN,
            "/api/v1/webhooks/crm/subscriptions",
            "{\"event_type_pattern\": \"user.*\", \"transform\": \"{a: b.}\"}");
    assertThat(badTransform.status()).isEqualTo(400);
    assertThat(badTransform.body().get("message").asText())
        .startsWith("transform: not a JMESPath expression");

    Reply added =
        api.post(
            ADMIN,
            "/api/v1/webhooks/crm/subscriptions",
            "{\"event_type_pattern\": \"order.*\","
                + " \"content_pattern\": \"{\\\"payload\\\": {\\\"region\\\": [\\\"us\\\"]}}\"}");
    assertThat(added.status()).as(added.body().toString()).isEqualTo(200);
    assertThat(api.get(ADMIN, "/api/v1/webhooks/crm/subscriptions").body().get("subscriptions"))
        .hasSize(2);

    String path = "/api/v1/webhooks/crm/subscriptions/" + added.body().get("id").asText();
    Reply badChange = api.patch(ADMIN, path, "{\"content_pattern\": \"[1]\"}");
    assertThat(badChange.status()).isEqualTo(400);
    assertThat(badChange.body().get("message").asText())
        .isEqualTo("content_pattern: expected a non-empty JSON object");
    Reply changed = api.patch(ADMIN, path, "{\"transform\": \"payload.region\"}");
    assertThat(changed.status()).as(changed.body().toString()).isEqualTo(200);
    assertThat(changed.body().get("transform").asText()).isEqualTo("payload.region");
    assertThat(changed.body().get("content_pattern").asText())
        .isEqualTo("{\"payload\":{\"region\":[\"us\"]}}");

    herald.publish("order.created", "", "{\"total\": 7, \"region\": \"us\"}");
    await().atMost(WAIT).until(() -> !at("/crm").isEmpty());
    assertThat(at("/crm").get(0).body()).isEqualTo("\"us\"");
    assertThat(at("/crm").get(0).verified()).isTrue();

    Reply removed = api.patch(ADMIN, path, "{\"content_pattern\": \"\", \"transform\": \"\"}");
    assertThat(removed.status()).as(removed.body().toString()).isEqualTo(200);
    assertThat(removed.body().path("content_pattern").asText()).isEmpty();
    assertThat(removed.body().path("transform").asText()).isEmpty();
  }

  @Test
  void aPreviewShowsTheSelectingSubscriptionAndTheBodyOrWhyTheTransformFails() {
    EventEnvelope large =
        herald.publish("order.created", "", "{\"total\": 500, \"region\": \"eu\"}");
    EventEnvelope small = herald.publish("order.created", "", "{\"total\": 5, \"region\": \"us\"}");

    Reply big = preview("big", large);
    assertThat(big.status()).as(big.body().toString()).isEqualTo(200);
    assertThat(big.body().get("selected").asBoolean()).isTrue();
    assertThat(big.body().get("transformed").asBoolean()).isTrue();
    assertThat(big.body().get("body").asText())
        .isEqualTo("{\"id\":\"" + large.getEventId() + "\",\"total\":500}");
    assertThat(big.body().get("subscription").get("event_type_pattern").asText())
        .isEqualTo("order.*");
    assertThat(big.body().get("document").asText()).contains("\"region\":\"eu\"");

    Reply notSelected = preview("big", small);
    assertThat(notSelected.body().path("selected").asBoolean()).isFalse();
    assertThat(notSelected.body().path("body").asText()).isEmpty();

    Reply failing = preview("broken", large);
    assertThat(failing.body().get("selected").asBoolean()).isTrue();
    assertThat(failing.body().path("body").asText()).isEmpty();
    assertThat(failing.body().get("transform_error").asText()).contains("abs(payload.region)");

    assertThat(api.get(ADMIN, "/api/v1/webhooks/big/preview?event_id=nope").status())
        .isEqualTo(404);
    // A token for realm acme previews neither an endpoint nor an event of another realm.
    assertThat(preview(ACME_ADMIN, "big", large).status()).isEqualTo(403);
    Reply acmeHook =
        api.post(
            ACME_ADMIN,
            "/api/v1/webhooks",
            "{\"id\": \"acme-hook\", \"realm_id\": \"acme\", \"url\": \"%s\", \"event_types\": [\"*\"]}"
                .formatted(receiver.url("/acme")));
    assertThat(acmeHook.status()).as(acmeHook.body().toString()).isEqualTo(200);
    assertThat(preview(ACME_ADMIN, "acme-hook", large).status()).isEqualTo(403);
  }

  @Test
  void overGrpcABadPatternIsRefusedNamingItsPathAndAPreviewAnswers() {
    WebhookServiceBlockingStub webhooks = api.grpc(WebhookServiceBlockingStub.class, ADMIN);
    api.post(
        ADMIN,
        "/api/v1/webhooks",
        "{\"id\": \"crm\", \"url\": \"%s\", \"event_types\": []}".formatted(receiver.url("/crm")));

    assertThatThrownBy(
            () ->
                webhooks.createSubscription(
                    CreateSubscriptionRequest.newBuilder()
                        .setWebhookId("crm")
                        .setEventTypePattern("order.*")
                        .setContentPattern("{\"payload\": {\"total\": [{\"numeric\": [\">\"]}]}}")
                        .build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
              assertThat(e.getStatus().getDescription())
                  .startsWith("content_pattern.payload.total: ");
            });

    Subscription added =
        webhooks.createSubscription(
            CreateSubscriptionRequest.newBuilder()
                .setWebhookId("crm")
                .setEventTypePattern("order.*")
                .setContentPattern("{\"payload\": {\"region\": [{\"prefix\": \"e\"}]}}")
                .setTransform("payload.region")
                .build());
    assertThat(added.getContentPattern())
        .isEqualTo("{\"payload\":{\"region\":[{\"prefix\":\"e\"}]}}");

    EventEnvelope eu = herald.publish("order.created", "", "{\"total\": 1, \"region\": \"eu\"}");
    PreviewWebhookDeliveryResponse preview =
        webhooks.previewWebhookDelivery(
            PreviewWebhookDeliveryRequest.newBuilder()
                .setWebhookId("crm")
                .setEventId(eu.getEventId())
                .build());
    assertThat(preview.getSelected()).isTrue();
    assertThat(preview.getSubscription().getId()).isEqualTo(added.getId());
    assertThat(preview.getBody()).isEqualTo("\"eu\"");
  }

  private Reply preview(String webhookId, EventEnvelope event) {
    return preview(ADMIN, webhookId, event);
  }

  private Reply preview(String token, String webhookId, EventEnvelope event) {
    return api.get(
        token, "/api/v1/webhooks/" + webhookId + "/preview?event_id=" + event.getEventId());
  }

  private List<WebhookReceiver.Received> at(String path) {
    return receiver.received().stream().filter(r -> r.path().equals(path)).toList();
  }
}
