package dev.herald.host;

import static dev.herald.host.ApiTokens.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.host.ApiClients.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A webhook's ordering as a user sets and sees it over REST: from the config file (and its reload),
 * on create and update, with bad input refused naming the field.
 */
class OrderingAdminIT {

  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

  @TempDir Path folder;
  @AutoClose private TestHerald herald;
  private ApiClients api;

  @BeforeEach
  void start() throws Exception {
    writeConfig("{key: payload.account_id, on_dead: skip}");
    herald = TestHerald.start(folder.resolve("herald.yaml"));
    api = new ApiClients(herald.apiUrl());
  }

  private void writeConfig(String ordering) throws Exception {
    Files.writeString(
        folder.resolve("herald.yaml"),
        TestDatabase.sqlite().yaml(folder)
            + """
            webhooks:
              - id: billing
                url: https://billing.example.com/hooks
                secret: %s
                event_types: [user.*]
                ordering: %s
            """
                .formatted(SECRET, ordering)
            + ApiTokens.apiSection());
  }

  private JsonNode ordering(String id) {
    return api.get(ADMIN, "/api/v1/webhooks/" + id).body().get("ordering");
  }

  @Test
  void theConfigFileSetsItAndAReloadChangesIt() throws Exception {
    assertThat(ordering("billing").toString())
        .isEqualTo("{\"key\":\"payload.account_id\",\"on_dead\":\"skip\"}");

    writeConfig("subject");
    assertThat(api.post(ADMIN, "/api/v1/webhooks:reload", "{}").status()).isEqualTo(200);

    assertThat(ordering("billing").toString())
        .isEqualTo("{\"key\":\"subject\",\"on_dead\":\"block\"}");
  }

  @Test
  void createAndUpdateSetChangeAndClearItAndRefuseBadInputNamingTheField() {
    Reply bad =
        api.post(
            ADMIN,
            "/api/v1/webhooks",
            """
            {"id": "crm", "url": "https://crm.example.com/hooks", "event_types": ["*"],
             "ordering": {"key": "a..b", "on_dead": "x"}}
            """);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body().get("grpc-code").asText()).isEqualTo("INVALID_ARGUMENT");
    assertThat(bad.body().get("message").asText())
        .contains("ordering.key: 'a..b' is not a dotted path")
        .contains("ordering.on_dead: 'x' (expected: block or skip)");

    Reply created =
        api.post(
            ADMIN,
            "/api/v1/webhooks",
            """
            {"id": "crm", "url": "https://crm.example.com/hooks", "event_types": ["*"],
             "ordering": {}}
            """);
    assertThat(created.status()).isEqualTo(200);
    assertThat(created.body().get("webhook").get("ordering").toString())
        .as("{} orders by subject, blocking on a dead head")
        .isEqualTo("{\"key\":\"subject\",\"on_dead\":\"block\"}");

    Reply changed =
        api.patch(
            ADMIN,
            "/api/v1/webhooks/crm",
            "{\"ordering\": {\"key\": \"payload.user_id\", \"on_dead\": \"skip\"}}");
    assertThat(changed.status()).isEqualTo(200);
    assertThat(changed.body().get("ordering").toString())
        .isEqualTo("{\"key\":\"payload.user_id\",\"on_dead\":\"skip\"}");
    assertThat(api.patch(ADMIN, "/api/v1/webhooks/crm", "{\"max_in_flight\": 2}").status())
        .isEqualTo(200);
    assertThat(ordering("crm").get("key").asText())
        .as("a change that does not mention it keeps it")
        .isEqualTo("payload.user_id");

    Reply both =
        api.patch(ADMIN, "/api/v1/webhooks/crm", "{\"ordering\": {}, \"clear_ordering\": true}");
    assertThat(both.status()).isEqualTo(400);
    assertThat(both.body().get("message").asText()).contains("clear_ordering");

    Reply cleared = api.patch(ADMIN, "/api/v1/webhooks/crm", "{\"clear_ordering\": true}");
    assertThat(cleared.status()).isEqualTo(200);
    assertThat(cleared.body().has("ordering")).as("unordered").isFalse();
    assertThat(
            api.get(ADMIN, "/api/v1/webhooks?all_realms=true")
                .body()
                .get("webhooks")
                .findValuesAsText("key"))
        .as("the list shows billing's ordering and none for crm")
        .containsExactly("payload.account_id");
  }
}
