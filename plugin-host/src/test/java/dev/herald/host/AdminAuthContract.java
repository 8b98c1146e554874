package dev.herald.host;

import static dev.herald.host.ApiTokens.ACME_ADMIN;
import static dev.herald.host.ApiTokens.ACME_PUBLISHER;
import static dev.herald.host.ApiTokens.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import dev.herald.host.ApiClients.Reply;
import dev.herald.proto.admin.v1.CreateWebhookRequest;
import dev.herald.proto.admin.v1.ListWebhooksRequest;
import dev.herald.proto.admin.v1.WebhookServiceGrpc.WebhookServiceBlockingStub;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Refusals: no token, a wrong token, a token of the wrong role or realm, and bad input; one
 * subclass per database.
 */
abstract class AdminAuthContract {

  private static final String CREATE_ACME =
      """
      {"id": "crm", "realm_id": "acme", "url": "https://crm.example.com/", "event_types": ["*"]}
      """;

  @TempDir Path folder;
  private final TestDatabase database;
  @AutoClose private TestHerald herald;
  private ApiClients api;

  AdminAuthContract(TestDatabase database) {
    this.database = database;
  }

  @BeforeEach
  void start() {
    herald = TestHerald.startWithApi(database, folder, "", Clock.systemUTC());
    api = new ApiClients(herald.apiUrl());
  }

  private WebhookServiceBlockingStub webhooks(String token) {
    return api.grpc(WebhookServiceBlockingStub.class, token);
  }

  private static CreateWebhookRequest createIn(String realm) {
    return CreateWebhookRequest.newBuilder()
        .setId("crm")
        .setRealmId(realm)
        .setUrl("https://crm.example.com/")
        .addEventTypes("*")
        .build();
  }

  @Test
  void refusesCallsWithoutAKnownTokenAndChangesNothing() {
    assertThat(code(() -> webhooks(null).createWebhook(createIn("acme"))))
        .isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(code(() -> webhooks("not-a-token").createWebhook(createIn("acme"))))
        .isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(api.post(null, "/api/v1/webhooks", CREATE_ACME).status()).isEqualTo(401);
    Reply wrong = api.post("not-a-token", "/api/v1/webhooks", CREATE_ACME);
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.body().get("grpc-code").asText()).isEqualTo("UNAUTHENTICATED");
    assertThat(herald.server().webhooks().all()).isEmpty();
  }

  @Test
  void refusesTokensOfTheWrongRoleOrRealmAndChangesNothing() {
    assertThat(code(() -> webhooks(ACME_PUBLISHER).createWebhook(createIn("acme"))))
        .isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(api.post(ACME_PUBLISHER, "/api/v1/webhooks", CREATE_ACME).status()).isEqualTo(403);
    assertThat(code(() -> webhooks(ACME_ADMIN).createWebhook(createIn("globex"))))
        .isEqualTo(Status.Code.PERMISSION_DENIED);
    Reply otherRealm =
        api.post(ACME_ADMIN, "/api/v1/webhooks", CREATE_ACME.replace("acme", "globex"));
    assertThat(otherRealm.status()).isEqualTo(403);
    assertThat(otherRealm.body().get("message").asText()).contains("realm 'globex'");
    assertThat(herald.server().webhooks().all()).isEmpty();

    // The acme token manages acme, and sees no other realm.
    webhooks(ADMIN).createWebhook(createIn("globex").toBuilder().setId("gx").build());
    assertThat(api.post(ACME_ADMIN, "/api/v1/webhooks", CREATE_ACME).status()).isEqualTo(200);
    assertThat(api.get(ACME_ADMIN, "/api/v1/webhooks/gx").status()).isEqualTo(403);
    assertThat(api.post(ACME_ADMIN, "/api/v1/webhooks/gx:pause", "{}").status()).isEqualTo(403);
    assertThat(api.get(ACME_ADMIN, "/api/v1/webhooks?realm_id=globex").status()).isEqualTo(403);
    assertThat(
            webhooks(ACME_ADMIN)
                .listWebhooks(ListWebhooksRequest.newBuilder().setAllRealms(true).build())
                .getWebhooksCount())
        .isEqualTo(1);
    assertThat(herald.server().webhooks().find("gx").orElseThrow().status().name())
        .isEqualTo("ACTIVE");
  }

  @Test
  void namesEveryBadFieldOverGrpc() throws InvalidProtocolBufferException {
    StatusRuntimeException e =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                webhooks(ADMIN)
                    .createWebhook(
                        CreateWebhookRequest.newBuilder()
                            .setId("Bad Id")
                            .setUrl("http://example.com/hooks")
                            .addEventTypes("User.Created")
                            .setMaxInFlight(1000)
                            .build()));
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    BadRequest badRequest = StatusProto.fromThrowable(e).getDetails(0).unpack(BadRequest.class);
    assertThat(badRequest.getFieldViolationsList())
        .extracting(BadRequest.FieldViolation::getField)
        .containsExactly("id", "url", "max_in_flight", "event_types[0]");
    assertThat(badRequest.getFieldViolations(1).getDescription())
        .contains("expected: https; http only for the hosts in api.allow_http_hosts");
    assertThat(herald.server().webhooks().all()).isEmpty();
  }

  @Test
  void namesEveryBadFieldOverRest() {
    Reply reply =
        api.post(
            ADMIN,
            "/api/v1/webhooks",
            """
            {"url": "ftp://example.com", "event_types": ["user.*", "*x"], "timeout": "600s"}
            """);
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.body().get("grpc-code").asText()).isEqualTo("INVALID_ARGUMENT");
    assertThat(fields(reply.body())).containsExactly("url", "timeout", "event_types[1]");

    Reply page = api.get(ADMIN, "/api/v1/webhooks?page_size=5000");
    assertThat(page.status()).isEqualTo(400);
    assertThat(fields(page.body())).containsExactly("page_size");
    assertThat(page.body().get("message").asText())
        .isEqualTo("page_size: 5000 (expected: 1..1000, or 0 for 100)");

    assertThat(api.get(ADMIN, "/api/v1/webhooks/nope").status()).isEqualTo(404);
    assertThatThrownBy(
            () ->
                webhooks(ADMIN)
                    .getWebhook(
                        dev.herald.proto.admin.v1.GetWebhookRequest.newBuilder()
                            .setId("nope")
                            .build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            ex -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
  }

  private static List<String> fields(JsonNode body) {
    List<String> fields = new ArrayList<>();
    body.get("details")
        .get(0)
        .get("fieldViolations")
        .forEach(v -> fields.add(v.get("field").asText()));
    return fields;
  }

  private static Status.Code code(Runnable call) {
    return catchThrowableOfType(StatusRuntimeException.class, call::run).getStatus().getCode();
  }
}
