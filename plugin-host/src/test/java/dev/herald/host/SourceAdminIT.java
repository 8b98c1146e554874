package dev.herald.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.linecorp.armeria.common.HttpMethod;
import dev.herald.proto.admin.v1.CreateSourceRequest;
import dev.herald.proto.admin.v1.CreateSourceResponse;
import dev.herald.proto.admin.v1.DeleteSourceRequest;
import dev.herald.proto.admin.v1.GetSourceRequest;
import dev.herald.proto.admin.v1.ListSourcesRequest;
import dev.herald.proto.admin.v1.SourceServiceGrpc.SourceServiceBlockingStub;
import dev.herald.proto.admin.v1.SourceStatus;
import dev.herald.proto.admin.v1.UpdateSourceRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The source admin API over REST and gRPC, on a real server: CRUD, realms, audit, and /in. */
class SourceAdminIT {

  @TempDir Path folder;
  private TestHerald herald;
  private ApiClients api;

  @BeforeEach
  void start() {
    herald =
        TestHerald.startWithApi(
            folder,
            """
            sources:
              from-file:
                verifier: github
                secret: s3cret
                realm: acme
            """,
            Clock.systemUTC());
    api = new ApiClients(herald.apiUrl());
  }

  @AfterEach
  void stop() {
    herald.close();
  }

  private SourceServiceBlockingStub grpc(String token) {
    return api.grpc(SourceServiceBlockingStub.class, token);
  }

  private int inbound(String source, String token) {
    return api.rest(
            null,
            HttpMethod.POST,
            "/in/" + source,
            "{}",
            Map.of("Authorization", "Bearer " + token, "X-Job", "backup"))
        .status();
  }

  @Test
  void restCreatesReadsListsChangesAndDeletesASource() {
    ApiClients.Reply created =
        api.post(
            ApiTokens.ADMIN,
            "/api/v1/sources",
            """
            {"id": "cron", "realm_id": "acme", "verifier": "token",
             "event_type": "cron.{header:X-Job}.finished"}
            """);
    assertThat(created.status()).as(created.body().toString()).isEqualTo(200);
    String secret = created.body().get("secret").asText();
    assertThat(secret).hasSize(64);
    assertThat(created.body().get("source").get("status").asText())
        .isEqualTo("SOURCE_STATUS_ACTIVE");
    assertThat(inbound("cron", secret)).isEqualTo(202);

    JsonNode got = api.get(ApiTokens.ADMIN, "/api/v1/sources/cron").body();
    assertThat(got.get("verifier").asText()).isEqualTo("token");
    assertThat(got.get("origin").asText()).isEqualTo("api");
    assertThat(got.toString()).doesNotContain(secret);
    JsonNode listed = api.get(ApiTokens.ADMIN, "/api/v1/sources?all_realms=true").body();
    assertThat(listed.get("sources").findValuesAsText("id")).containsExactly("cron", "from-file");
    assertThat(listed.toString()).doesNotContain(secret);

    assertThat(api.patch(ApiTokens.ADMIN, "/api/v1/sources/cron", "{\"paused\": true}").status())
        .isEqualTo(200);
    assertThat(inbound("cron", secret)).isEqualTo(404);
    ApiClients.Reply rotated =
        api.patch(
            ApiTokens.ADMIN, "/api/v1/sources/cron", "{\"paused\": false, \"secret\": \"t2\"}");
    assertThat(rotated.status()).isEqualTo(200);
    assertThat(rotated.body().toString()).doesNotContain("t2");
    assertThat(inbound("cron", secret)).isEqualTo(401);
    assertThat(inbound("cron", "t2")).isEqualTo(202);

    assertThat(api.delete(ApiTokens.ADMIN, "/api/v1/sources/cron").status()).isEqualTo(200);
    assertThat(api.get(ApiTokens.ADMIN, "/api/v1/sources/cron").status()).isEqualTo(404);
    assertThat(inbound("cron", "t2")).isEqualTo(404);

    JsonNode audit = api.get(ApiTokens.ADMIN, "/api/v1/audit?target=cron").body();
    assertThat(audit.get("entries").findValuesAsText("action"))
        .containsExactly("source.delete", "source.update", "source.update", "source.create");
    assertThat(audit.toString()).doesNotContain(secret).doesNotContain("t2");
    assertThat(audit.get("entries").findValuesAsText("realm_id")).containsOnly("acme");
  }

  @Test
  void grpcRefusalsNameTheFieldAndTheReason() {
    StatusRuntimeException unknownVerifier =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                grpc(ApiTokens.ADMIN)
                    .createSource(
                        CreateSourceRequest.newBuilder()
                            .setId("gl")
                            .setVerifier("gitlab")
                            .build()));
    assertThat(unknownVerifier.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(unknownVerifier.getStatus().getDescription()).startsWith("verifier: 'gitlab'");

    StatusRuntimeException hmacWithoutHeader =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                grpc(ApiTokens.ADMIN)
                    .createSource(
                        CreateSourceRequest.newBuilder()
                            .setId("shop")
                            .setVerifier("hmac")
                            .setEventType("shop.{body:topic}")
                            .build()));
    assertThat(hmacWithoutHeader.getStatus().getDescription()).contains("header: missing");

    StatusRuntimeException fileSource =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                grpc(ApiTokens.ADMIN)
                    .deleteSource(DeleteSourceRequest.newBuilder().setId("from-file").build()));
    assertThat(fileSource.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
  }

  @Test
  void grpcCreatesWithAGivenSecretAndKeepsToTheTokensRealms() {
    CreateSourceResponse created =
        grpc(ApiTokens.ACME_ADMIN)
            .createSource(
                CreateSourceRequest.newBuilder()
                    .setId("svix")
                    .setRealmId("acme")
                    .setVerifier("standard-webhooks")
                    .setSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
                    .build());
    assertThat(created.getSecret()).isEmpty();
    assertThat(created.getSource().getEventType()).isEqualTo("{body:type}");
    assertThat(created.getSource().getDeliveryId()).isEqualTo("{header:webhook-id}");

    grpc(ApiTokens.ADMIN)
        .createSource(
            CreateSourceRequest.newBuilder()
                .setId("other")
                .setRealmId("globex")
                .setVerifier("stripe")
                .build());
    assertThat(
            grpc(ApiTokens.ACME_ADMIN)
                .listSources(ListSourcesRequest.newBuilder().setAllRealms(true).build())
                .getSourcesList())
        .extracting(s -> s.getId())
        .containsExactly("from-file", "svix");
    StatusRuntimeException otherRealm =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                grpc(ApiTokens.ACME_ADMIN)
                    .getSource(GetSourceRequest.newBuilder().setId("other").build()));
    assertThat(otherRealm.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);

    // A source from the file can be paused here, and nothing else.
    assertThat(
            grpc(ApiTokens.ADMIN)
                .updateSource(
                    UpdateSourceRequest.newBuilder().setId("from-file").setPaused(true).build())
                .getStatus())
        .isEqualTo(SourceStatus.SOURCE_STATUS_PAUSED);
    StatusRuntimeException changeFileSource =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                grpc(ApiTokens.ADMIN)
                    .updateSource(
                        UpdateSourceRequest.newBuilder()
                            .setId("from-file")
                            .setSecret("x")
                            .build()));
    assertThat(changeFileSource.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
  }
}
