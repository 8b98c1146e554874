package dev.herald.host;

import static dev.herald.host.ApiTokens.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.util.Durations;
import dev.herald.host.ApiClients.Reply;
import dev.herald.proto.admin.v1.CreateSubscriptionRequest;
import dev.herald.proto.admin.v1.CreateWebhookRequest;
import dev.herald.proto.admin.v1.CreateWebhookResponse;
import dev.herald.proto.admin.v1.DeleteSubscriptionRequest;
import dev.herald.proto.admin.v1.DeleteWebhookRequest;
import dev.herald.proto.admin.v1.GetWebhookRequest;
import dev.herald.proto.admin.v1.ListSubscriptionsRequest;
import dev.herald.proto.admin.v1.ListWebhooksRequest;
import dev.herald.proto.admin.v1.ListWebhooksResponse;
import dev.herald.proto.admin.v1.PauseWebhookRequest;
import dev.herald.proto.admin.v1.ReloadConfiguredWebhooksRequest;
import dev.herald.proto.admin.v1.ResumeWebhookRequest;
import dev.herald.proto.admin.v1.RotateWebhookSecretRequest;
import dev.herald.proto.admin.v1.RotateWebhookSecretResponse;
import dev.herald.proto.admin.v1.Subscription;
import dev.herald.proto.admin.v1.UpdateWebhookRequest;
import dev.herald.proto.admin.v1.Webhook;
import dev.herald.proto.admin.v1.WebhookServiceGrpc.WebhookServiceBlockingStub;
import dev.herald.proto.admin.v1.WebhookSource;
import dev.herald.proto.admin.v1.WebhookStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every webhook and subscription RPC, through a gRPC stub and through REST, on a real server; one
 * subclass per database.
 */
abstract class WebhookAdminContract {

  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

  @TempDir Path folder;
  private final TestDatabase database;
  @AutoClose private TestHerald herald;
  private ApiClients api;
  private WebhookServiceBlockingStub webhooks;

  WebhookAdminContract(TestDatabase database) {
    this.database = database;
  }

  @BeforeEach
  void start() throws Exception {
    Path config = folder.resolve("herald.yaml");
    Files.writeString(config, yaml("https://billing.example.com/hooks"));
    herald = TestHerald.start(config);
    api = new ApiClients(herald.apiUrl());
    webhooks = api.grpc(WebhookServiceBlockingStub.class, ADMIN);
  }

  private String yaml(String configuredUrl) {
    return database.yaml(folder)
        + """
        webhooks:
          - id: billing
            url: %s
            secret: %s
            event_types: [user.*]
        """
            .formatted(configuredUrl, SECRET)
        + ApiTokens.apiSection();
  }

  @Test
  void managesAnEndpointOverGrpc() {
    CreateWebhookResponse created =
        webhooks.createWebhook(
            CreateWebhookRequest.newBuilder()
                .setId("crm")
                .setRealmId("acme")
                .setUrl("https://crm.example.com/hooks")
                .addEventTypes("user.*")
                .addEventTypes("group.created")
                .setMaxInFlight(4)
                .build());
    assertThat(created.getSecret()).startsWith("whsec_");
    assertThat(created.getWebhook().getSource()).isEqualTo(WebhookSource.WEBHOOK_SOURCE_API);
    assertThat(created.getWebhook().getSubscriptionsList())
        .extracting(Subscription::getEventTypePattern)
        .containsExactly("user.*", "group.created");

    Webhook fetched = webhooks.getWebhook(GetWebhookRequest.newBuilder().setId("crm").build());
    assertThat(fetched.getUrl()).isEqualTo("https://crm.example.com/hooks");
    assertThat(fetched.getMaxInFlight()).isEqualTo(4);
    assertThat(fetched.toString()).doesNotContain(created.getSecret());

    ListWebhooksResponse acme =
        webhooks.listWebhooks(ListWebhooksRequest.newBuilder().setRealmId("acme").build());
    assertThat(acme.getWebhooksList()).extracting(Webhook::getId).containsExactly("crm");
    ListWebhooksResponse firstPage =
        webhooks.listWebhooks(
            ListWebhooksRequest.newBuilder().setAllRealms(true).setPageSize(1).build());
    assertThat(firstPage.getWebhooksList()).extracting(Webhook::getId).containsExactly("billing");
    ListWebhooksResponse secondPage =
        webhooks.listWebhooks(
            ListWebhooksRequest.newBuilder()
                .setAllRealms(true)
                .setPageSize(1)
                .setPageToken(firstPage.getNextPageToken())
                .build());
    assertThat(secondPage.getWebhooksList()).extracting(Webhook::getId).containsExactly("crm");
    assertThat(secondPage.getNextPageToken()).isEmpty();

    Webhook updated =
        webhooks.updateWebhook(
            UpdateWebhookRequest.newBuilder()
                .setId("crm")
                .setUrl("https://crm2.example.com/hooks")
                .setTimeout(Durations.fromSeconds(3))
                .build());
    assertThat(updated.getUrl()).isEqualTo("https://crm2.example.com/hooks");
    assertThat(updated.getTimeout()).isEqualTo(Durations.fromSeconds(3));
    assertThat(updated.getMaxInFlight()).isEqualTo(4);

    assertThat(
            webhooks
                .pauseWebhook(
                    PauseWebhookRequest.newBuilder().setId("crm").setReason("upgrade").build())
                .getStatus())
        .isEqualTo(WebhookStatus.WEBHOOK_STATUS_PAUSED);
    assertThat(
            webhooks
                .listWebhooks(
                    ListWebhooksRequest.newBuilder()
                        .setAllRealms(true)
                        .setStatus(WebhookStatus.WEBHOOK_STATUS_PAUSED)
                        .build())
                .getWebhooksList())
        .extracting(Webhook::getId)
        .containsExactly("crm");
    assertThat(
            webhooks
                .resumeWebhook(ResumeWebhookRequest.newBuilder().setId("crm").build())
                .getStatus())
        .isEqualTo(WebhookStatus.WEBHOOK_STATUS_ACTIVE);

    RotateWebhookSecretResponse rotated =
        webhooks.rotateWebhookSecret(RotateWebhookSecretRequest.newBuilder().setId("crm").build());
    assertThat(rotated.getSecret()).startsWith("whsec_").isNotEqualTo(created.getSecret());
    assertThat(rotated.hasPreviousSecretExpiresAt()).isTrue();

    Subscription added =
        webhooks.createSubscription(
            CreateSubscriptionRequest.newBuilder()
                .setWebhookId("crm")
                .setEventTypePattern("role.*")
                .setRealmId("acme")
                .build());
    assertThat(added.getRealmId()).isEqualTo("acme");
    assertThat(
            webhooks
                .listSubscriptions(
                    ListSubscriptionsRequest.newBuilder().setWebhookId("crm").build())
                .getSubscriptionsList())
        .extracting(Subscription::getEventTypePattern)
        .containsExactly("user.*", "group.created", "role.*");
    webhooks.deleteSubscription(
        DeleteSubscriptionRequest.newBuilder().setWebhookId("crm").setId(added.getId()).build());
    assertThat(herald.server().webhooks().find("crm").orElseThrow().subscriptions()).hasSize(2);

    assertThat(
            webhooks
                .reloadConfiguredWebhooks(ReloadConfiguredWebhooksRequest.getDefaultInstance())
                .getConfiguredIdsList())
        .containsExactly("billing");

    assertThat(
            webhooks.deleteWebhook(DeleteWebhookRequest.newBuilder().setId("crm").build()).getId())
        .isEqualTo("crm");
    assertThat(herald.server().webhooks().find("crm")).isEmpty();
  }

  @Test
  void managesAnEndpointOverRest() {
    Reply created =
        api.post(
            ADMIN,
            "/api/v1/webhooks",
            """
            {"id": "crm", "realm_id": "acme", "url": "https://crm.example.com/hooks",
             "event_types": ["user.*"], "timeout": "5s"}
            """);
    assertThat(created.status()).isEqualTo(200);
    String secret = created.body().get("secret").asText();
    assertThat(secret).startsWith("whsec_");

    Reply fetched = api.get(ADMIN, "/api/v1/webhooks/crm");
    assertThat(fetched.status()).isEqualTo(200);
    assertThat(fetched.body().get("url").asText()).isEqualTo("https://crm.example.com/hooks");
    assertThat(fetched.body().get("timeout").asText()).isEqualTo("5s");
    assertThat(fetched.body().toString()).doesNotContain(secret);

    Reply listed = api.get(ADMIN, "/api/v1/webhooks?realm_id=acme");
    assertThat(ids(listed.body().get("webhooks"))).containsExactly("crm");
    Reply all = api.get(ADMIN, "/api/v1/webhooks?all_realms=true&page_size=1");
    assertThat(ids(all.body().get("webhooks"))).containsExactly("billing");
    Reply next =
        api.get(
            ADMIN,
            "/api/v1/webhooks?all_realms=true&page_size=1&page_token="
                + all.body().get("next_page_token").asText());
    assertThat(ids(next.body().get("webhooks"))).containsExactly("crm");

    Reply updated = api.patch(ADMIN, "/api/v1/webhooks/crm", "{\"max_in_flight\": 2}");
    assertThat(updated.status()).isEqualTo(200);
    assertThat(updated.body().get("max_in_flight").asInt()).isEqualTo(2);

    Reply paused = api.post(ADMIN, "/api/v1/webhooks/crm:pause", "{}");
    assertThat(paused.body().get("status").asText()).isEqualTo("WEBHOOK_STATUS_PAUSED");
    Reply resumed = api.post(ADMIN, "/api/v1/webhooks/crm:resume", "{}");
    assertThat(resumed.body().get("status").asText()).isEqualTo("WEBHOOK_STATUS_ACTIVE");

    Reply rotated =
        api.post(ADMIN, "/api/v1/webhooks/crm:rotateSecret", "{\"grace_period\": \"0s\"}");
    assertThat(rotated.status()).isEqualTo(200);
    assertThat(rotated.body().get("secret").asText()).startsWith("whsec_").isNotEqualTo(secret);
    assertThat(rotated.body().has("previous_secret_expires_at")).isFalse();

    Reply subscribed =
        api.post(
            ADMIN, "/api/v1/webhooks/crm/subscriptions", "{\"event_type_pattern\": \"group.*\"}");
    assertThat(subscribed.status()).isEqualTo(200);
    String subscriptionId = subscribed.body().get("id").asText();
    Reply subscriptions = api.get(ADMIN, "/api/v1/webhooks/crm/subscriptions");
    assertThat(subscriptions.body().get("subscriptions")).hasSize(2);
    assertThat(api.delete(ADMIN, "/api/v1/webhooks/crm/subscriptions/" + subscriptionId).status())
        .isEqualTo(200);
    assertThat(api.get(ADMIN, "/api/v1/webhooks/crm/subscriptions").body().get("subscriptions"))
        .hasSize(1);

    assertThat(api.delete(ADMIN, "/api/v1/webhooks/crm").status()).isEqualTo(200);
    assertThat(api.get(ADMIN, "/api/v1/webhooks/crm").status()).isEqualTo(404);
  }

  @Test
  void aBodyFormatIsChosenOnCreateChangedOnUpdateAndShownByGetAndList() {
    Reply created =
        api.post(
            ADMIN,
            "/api/v1/webhooks",
            """
            {"id": "ce", "realm_id": "acme", "url": "https://ce.example.com/hooks",
             "event_types": ["user.*"], "body_format": "cloudevents-binary"}
            """);
    assertThat(created.body().get("webhook").get("body_format").asText())
        .isEqualTo("cloudevents-binary");
    Reply plain =
        api.post(
            ADMIN,
            "/api/v1/webhooks",
            """
            {"id": "plain", "realm_id": "acme", "url": "https://p.example.com/hooks",
             "event_types": ["user.*"]}
            """);
    assertThat(plain.body().get("webhook").get("body_format").asText()).isEqualTo("herald");

    Reply updated =
        api.patch(ADMIN, "/api/v1/webhooks/ce", "{\"body_format\": \"cloudevents-structured\"}");
    assertThat(updated.body().get("body_format").asText()).isEqualTo("cloudevents-structured");
    assertThat(api.get(ADMIN, "/api/v1/webhooks/ce").body().get("body_format").asText())
        .isEqualTo("cloudevents-structured");
    Reply listed = api.get(ADMIN, "/api/v1/webhooks?realm_id=acme");
    assertThat(listed.body().get("webhooks").get(0).get("body_format").asText())
        .isEqualTo("cloudevents-structured");

    Reply refused = api.patch(ADMIN, "/api/v1/webhooks/ce", "{\"body_format\": \"xml\"}");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body().toString())
        .contains("body_format: 'xml' (expected: herald, cloudevents-structured or");
  }

  @Test
  void configuredEndpointsAreReadOnlyButPausableAndSurviveReloadBesideApiOnes() throws Exception {
    webhooks.createWebhook(
        CreateWebhookRequest.newBuilder()
            .setId("crm")
            .setUrl("https://crm.example.com/hooks")
            .addEventTypes("*")
            .build());

    Reply refused = api.patch(ADMIN, "/api/v1/webhooks/billing", "{\"max_in_flight\": 2}");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body().get("grpc-code").asText()).isEqualTo("FAILED_PRECONDITION");
    assertThat(refused.body().get("message").asText()).contains("config file");
    assertThat(api.post(ADMIN, "/api/v1/webhooks/billing:pause", "{}").status()).isEqualTo(200);

    Files.writeString(folder.resolve("herald.yaml"), yaml("https://billing2.example.com/hooks"));
    Reply reloaded = api.post(ADMIN, "/api/v1/webhooks:reload", "{}");
    assertThat(reloaded.status()).isEqualTo(200);
    assertThat(reloaded.body().get("configured_ids").get(0).asText()).isEqualTo("billing");

    Reply billing = api.get(ADMIN, "/api/v1/webhooks/billing");
    assertThat(billing.body().get("url").asText()).isEqualTo("https://billing2.example.com/hooks");
    assertThat(billing.body().get("status").asText()).isEqualTo("WEBHOOK_STATUS_PAUSED");
    assertThat(api.get(ADMIN, "/api/v1/webhooks/crm").body().get("status").asText())
        .isEqualTo("WEBHOOK_STATUS_ACTIVE");
  }

  private static java.util.List<String> ids(JsonNode webhooks) {
    java.util.List<String> ids = new java.util.ArrayList<>();
    webhooks.forEach(w -> ids.add(w.get("id").asText()));
    return ids;
  }
}
