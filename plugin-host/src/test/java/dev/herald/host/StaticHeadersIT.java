package dev.herald.host;

import static dev.herald.host.ApiTokens.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.RequestHeaders;
import dev.herald.host.ApiClients.Reply;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Static headers end to end on a real server and receiver: declared in the config file or over
 * REST, replaced and cleared over REST, sent on deliveries and test deliveries, refused when
 * reserved.
 */
class StaticHeadersIT {

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
            "delivery:\n  poll_interval: 100ms\n"
                + "webhooks:\n  - {id: billing, url: '%s', secret: %s, event_types: [group.*],"
                    .formatted(receiver.url("/billing"), SECRET)
                + " headers: {X-Source: file}}\n",
            Clock.systemUTC());
    api = new ApiClients(herald.apiUrl());
  }

  @AfterEach
  void stop() {
    herald.close();
    receiver.close();
  }

  @Test
  void headersCreatedOverRestAreSentReplacedAndCleared() {
    Reply created =
        api.post(
            ADMIN,
            "/api/v1/webhooks",
            """
            {"id": "crm", "url": "%s", "secret": "%s", "event_types": ["user.*"],
             "headers": {"X-Tenant": "acme", "Authorization": "Bearer t0ken"}}
            """
                .formatted(receiver.url("/crm"), SECRET));
    assertThat(created.status()).as(created.body().toString()).isEqualTo(200);
    assertThat(created.body().get("webhook").get("headers").get("X-Tenant").asText())
        .isEqualTo("acme");
    assertThat(api.get(ADMIN, "/api/v1/webhooks/crm").body().get("headers").size()).isEqualTo(2);
    assertThat(herald.server().webhooks().all().toString()).doesNotContain("t0ken");

    RequestHeaders delivered = deliveredTo("/crm", "user.created", 1);
    assertThat(delivered.get("x-tenant")).isEqualTo("acme");
    assertThat(delivered.get("authorization")).isEqualTo("Bearer t0ken");

    Reply tested = api.post(ADMIN, "/api/v1/webhooks/crm:test", "{}");
    assertThat(tested.body().get("delivered").asBoolean()).as(tested.body().toString()).isTrue();
    assertThat(lastAt("/crm").get("x-tenant")).isEqualTo("acme");

    Reply replaced =
        api.patch(ADMIN, "/api/v1/webhooks/crm", "{\"headers\": {\"X-Tenant\": \"globex\"}}");
    assertThat(replaced.status()).as(replaced.body().toString()).isEqualTo(200);
    assertThat(replaced.body().get("headers").toString()).isEqualTo("{\"X-Tenant\":\"globex\"}");
    RequestHeaders afterReplace = deliveredTo("/crm", "user.updated", 3);
    assertThat(afterReplace.get("x-tenant")).isEqualTo("globex");
    assertThat(afterReplace.get("authorization")).isNull();

    Reply both =
        api.patch(
            ADMIN,
            "/api/v1/webhooks/crm",
            "{\"headers\": {\"X-A\": \"b\"}, \"clear_headers\": true}");
    assertThat(both.status()).isEqualTo(400);
    assertThat(both.body().get("message").asText())
        .contains("clear_headers: true while headers is set too (expected: one of them)");

    Reply cleared = api.patch(ADMIN, "/api/v1/webhooks/crm", "{\"clear_headers\": true}");
    assertThat(cleared.status()).as(cleared.body().toString()).isEqualTo(200);
    assertThat(cleared.body().path("headers").size()).isZero();
    assertThat(deliveredTo("/crm", "user.deleted", 4).get("x-tenant")).isNull();
  }

  @Test
  void aReservedOrInjectedHeaderIsRefusedNamingTheHeader() {
    Reply reserved =
        api.post(
            ADMIN,
            "/api/v1/webhooks",
            """
            {"id": "crm", "url": "%s", "event_types": ["*"],
             "headers": {"X-Tenant": "acme", "Webhook-Id": "forged"}}
            """
                .formatted(receiver.url("/crm")));
    assertThat(reserved.status()).isEqualTo(400);
    assertThat(reserved.body().get("grpc-code").asText()).isEqualTo("INVALID_ARGUMENT");
    assertThat(reserved.body().get("message").asText())
        .contains("headers.Webhook-Id: reserved (Herald sets it)");

    Reply injected =
        api.post(
            ADMIN,
            "/api/v1/webhooks",
            """
            {"id": "crm", "url": "%s", "event_types": ["*"],
             "headers": {"X-Tenant": "acme\\r\\nX-Admin: yes"}}
            """
                .formatted(receiver.url("/crm")));
    assertThat(injected.status()).isEqualTo(400);
    assertThat(injected.body().get("message").asText())
        .contains("headers.X-Tenant: contains a control")
        .doesNotContain("X-Admin");
    assertThat(api.get(ADMIN, "/api/v1/webhooks/crm").status()).isEqualTo(404);
  }

  @Test
  void headersFromTheConfigFileAreShownAndSent() {
    Reply billing = api.get(ADMIN, "/api/v1/webhooks/billing");
    assertThat(billing.body().get("headers").toString()).isEqualTo("{\"X-Source\":\"file\"}");

    assertThat(deliveredTo("/billing", "group.created", 1).get("x-source")).isEqualTo("file");
  }

  /**
   * Publishes one event and returns the headers of the {@code count}-th request at {@code path}.
   */
  private RequestHeaders deliveredTo(String path, String type, int count) {
    herald.publish(type, "", "{}");
    await().atMost(WAIT).until(() -> at(path).size() >= count);
    return lastAt(path);
  }

  private RequestHeaders lastAt(String path) {
    List<WebhookReceiver.Received> requests = at(path);
    WebhookReceiver.Received last = requests.get(requests.size() - 1);
    assertThat(last.verified()).isTrue();
    return last.headers();
  }

  private List<WebhookReceiver.Received> at(String path) {
    return receiver.received().stream().filter(r -> r.path().equals(path)).toList();
  }
}
