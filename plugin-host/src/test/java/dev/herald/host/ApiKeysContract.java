package dev.herald.host;

import static dev.herald.host.ApiTokens.ACME_ADMIN;
import static dev.herald.host.ApiTokens.ADMIN;
import static dev.herald.host.ApiTokens.READER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.core.testing.SettableClock;
import dev.herald.host.ApiClients.Reply;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * API keys over real HTTP: created, used, listed with their usage, revoked and expired; the reader
 * role; realm scoping. One subclass per database.
 */
abstract class ApiKeysContract {

  private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

  @TempDir Path folder;
  private final TestDatabase database;
  private final SettableClock clock = new SettableClock(START);
  @AutoClose private TestHerald herald;
  private ApiClients api;

  ApiKeysContract(TestDatabase database) {
    this.database = database;
  }

  @BeforeEach
  void start() {
    herald = TestHerald.startWithApi(database, folder, "", clock);
    api = new ApiClients(herald.apiUrl());
  }

  private Reply create(String token, String json) {
    return api.post(token, "/api/v1/api-keys", json);
  }

  /** Creates a key with the admin token; returns the response body. */
  private JsonNode created(String json) {
    Reply reply = create(ADMIN, json);
    assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
    return reply.body();
  }

  private void webhook(String id, String realm) {
    String json =
        """
        {"id": "%s", "realm_id": "%s", "url": "https://%s.example.com/", "event_types": ["*"]}
        """
            .formatted(id, realm, id);
    assertThat(api.post(ADMIN, "/api/v1/webhooks", json).status()).isEqualTo(200);
  }

  @Test
  void aKeyWorksFromItsCreationIsCountedAndIsRefusedFromItsRevoke() {
    JsonNode body =
        created(
            """
            {"role": "admin", "all_realms": true, "description": "deploy pipeline"}""");
    String key = body.get("key").asText();
    JsonNode stored = body.get("api_key");
    String id = stored.get("id").asText();
    assertThat(key).startsWith("hk_").hasSize(46);
    assertThat(stored.get("prefix").asText()).isEqualTo(key.substring(0, 7));
    assertThat(stored.get("created_by").asText()).isEqualTo("ops");
    assertThat(stored.get("role").asText()).isEqualTo("admin");

    assertThat(api.get(key, "/api/v1/webhooks").status()).isEqualTo(200);
    assertThat(api.get(key, "/api/v1/caller").body().get("token_name").asText())
        .isEqualTo("api-key:" + id);

    // Usage is written off the request path, within about a second.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> api.get(ADMIN, "/api/v1/api-keys/" + id).body().get("usage_count").asLong() == 2);
    Reply list = api.get(ADMIN, "/api/v1/api-keys");
    assertThat(list.status()).isEqualTo(200);
    JsonNode listed = list.body().get("api_keys").get(0);
    assertThat(listed.get("id").asText()).isEqualTo(id);
    assertThat(listed.get("usage_count").asLong()).isEqualTo(2);
    assertThat(listed.get("last_used_at").asText()).isEqualTo("2026-03-01T10:00:00Z");
    assertThat(list.body().toString()).doesNotContain(key.substring(7));

    clock.advance(Duration.ofMinutes(5));
    Reply revoked = api.post(ADMIN, "/api/v1/api-keys/" + id + ":revoke", "{}");
    assertThat(revoked.status()).isEqualTo(200);
    assertThat(revoked.body().get("revoked_at").asText()).isEqualTo("2026-03-01T10:05:00Z");

    Reply refused = api.get(key, "/api/v1/webhooks");
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.body().get("message").asText())
        .isEqualTo(
            "api key "
                + id
                + " ("
                + key.substring(0, 7)
                + "...) was revoked at 2026-03-01T10:05:00Z (expected: a key in use)");

    // Create and revoke are audited, naming the key's id and never its text.
    JsonNode audit = api.get(ADMIN, "/api/v1/audit").body().get("entries");
    List<String> actions = new ArrayList<>();
    audit.forEach(e -> actions.add(e.get("action").asText() + " " + e.get("target").asText()));
    assertThat(actions).contains("api_key.create " + id, "api_key.revoke " + id);
    assertThat(audit.toString()).doesNotContain(key.substring(7));
  }

  @Test
  void aKeyIsRefusedFromItsExpiry() {
    JsonNode body =
        created(
            """
            {"role": "reader", "realm_ids": ["acme"], "expires_at": "2026-03-01T11:00:00Z"}""");
    String key = body.get("key").asText();
    assertThat(api.get(key, "/api/v1/webhooks?realm_id=acme").status()).isEqualTo(200);

    clock.set(Instant.parse("2026-03-01T11:00:00Z"));

    Reply refused = api.get(key, "/api/v1/webhooks?realm_id=acme");
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.body().get("message").asText()).contains("expired at 2026-03-01T11:00:00Z");
    Reply past =
        create(
            ADMIN,
            "{\"role\": \"reader\", \"all_realms\": true, \"expires_at\": \"2026-03-01T10:00:00Z\"}");
    assertThat(past.status()).isEqualTo(400);
    assertThat(past.body().get("message").asText()).startsWith("expires_at: ");
  }

  @Test
  void aReaderListsWebhooksButMayNotCreateOne() {
    webhook("crm", "acme");
    String key =
        created(
                """
                {"role": "reader", "all_realms": true}""")
            .get("key")
            .asText();

    for (String reader : List.of(key, READER)) {
      Reply list = api.get(reader, "/api/v1/webhooks?realm_id=acme");
      assertThat(list.status()).isEqualTo(200);
      assertThat(list.body().get("webhooks")).hasSize(1);
      Reply create =
          api.post(
              reader,
              "/api/v1/webhooks",
              """
              {"id": "x", "url": "https://x.example.com/", "event_types": ["*"]}""");
      assertThat(create.status()).isEqualTo(403);
      assertThat(create.body().get("message").asText())
          .contains("is a reader token; herald.admin.v1.WebhookService/CreateWebhook changes");
      assertThat(
              api.post(reader, "/api/v1/api-keys", "{\"role\": \"reader\", \"all_realms\": true}")
                  .status())
          .isEqualTo(403);
    }
    assertThat(herald.server().webhooks().find("x")).isEmpty();
  }

  @Test
  void aKeyOfOneRealmSeesNoOtherAndNoTokenGivesMoreThanItHas() {
    webhook("crm", "acme");
    webhook("erp", "beta");
    String acmeKey =
        created(
                """
                {"role": "admin", "realm_ids": ["acme"]}""")
            .get("key")
            .asText();

    assertThat(api.get(acmeKey, "/api/v1/webhooks/crm").status()).isEqualTo(200);
    assertThat(api.get(acmeKey, "/api/v1/webhooks/erp").status()).isEqualTo(403);
    assertThat(api.get(acmeKey, "/api/v1/webhooks?realm_id=beta").status()).isEqualTo(403);
    assertThat(api.get(acmeKey, "/api/v1/webhooks?all_realms=true").body().get("webhooks"))
        .extracting(w -> w.get("id").asText())
        .containsExactly("crm");

    // A token of realm acme gives no key more than acme.
    Reply beta = create(ACME_ADMIN, "{\"role\": \"reader\", \"realm_ids\": [\"beta\"]}");
    assertThat(beta.status()).isEqualTo(403);
    assertThat(beta.body().get("message").asText()).contains("realm 'beta'");
    assertThat(create(ACME_ADMIN, "{\"role\": \"reader\", \"all_realms\": true}").status())
        .isEqualTo(403);
    assertThat(create(acmeKey, "{\"role\": \"reader\", \"realm_ids\": [\"acme\"]}").status())
        .isEqualTo(200);

    // It sees only keys within acme, and revokes none beyond.
    String everyRealm =
        created("{\"role\": \"publisher\", \"all_realms\": true}")
            .get("api_key")
            .get("id")
            .asText();
    JsonNode seen = api.get(ACME_ADMIN, "/api/v1/api-keys").body().get("api_keys");
    assertThat(seen).extracting(k -> k.get("realm_ids").toString()).containsOnly("[\"acme\"]");
    assertThat(api.post(ACME_ADMIN, "/api/v1/api-keys/" + everyRealm + ":revoke", "{}").status())
        .isEqualTo(403);
    assertThat(api.get(ADMIN, "/api/v1/api-keys/" + everyRealm).body().has("revoked_at")).isFalse();
  }

  @Test
  void namesTheBadFieldAndRefusesUnknownKeys() {
    Reply role = create(ADMIN, "{\"role\": \"root\", \"all_realms\": true}");
    assertThat(role.status()).isEqualTo(400);
    assertThat(role.body().get("message").asText())
        .isEqualTo("role: 'root' (expected: admin, reader or publisher)");
    Reply realms = create(ADMIN, "{\"role\": \"reader\"}");
    assertThat(realms.status()).isEqualTo(400);
    assertThat(realms.body().get("message").asText()).startsWith("realm_ids: []");
    Reply unknown = api.get("hk_" + "A".repeat(43), "/api/v1/webhooks");
    assertThat(unknown.status()).isEqualTo(401);
    assertThat(unknown.body().get("message").asText()).startsWith("missing or unknown token");
    assertThat(api.get(ADMIN, "/api/v1/api-keys/404").status()).isEqualTo(404);
  }
}
