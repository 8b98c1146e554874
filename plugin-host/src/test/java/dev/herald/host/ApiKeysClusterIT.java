package dev.herald.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.store.PostgresSettings;
import dev.herald.core.testing.TestPostgres;
import org.junit.jupiter.api.Test;

/** Two nodes on one PostgreSQL database: a key revoked on one is refused by the other at once. */
class ApiKeysClusterIT {

  private static String yaml(PostgresSettings db) {
    return "database:\n  url: %s\n  user: %s\n".formatted(db.url(), db.user())
        + TestHerald.SECRETS_SECTION
        + ApiTokens.apiSection();
  }

  @Test
  void aKeyRevokedOnOneNodeIsRefusedOnTheOtherAtItsNextCall() {
    PostgresSettings db = TestPostgres.freshDatabase();
    try (TestHerald one = TestHerald.start(yaml(db));
        TestHerald two = TestHerald.start(yaml(db))) {
      ApiClients onOne = new ApiClients(one.apiUrl());
      ApiClients onTwo = new ApiClients(two.apiUrl());
      ApiClients.Reply created =
          onOne.post(
              ApiTokens.ADMIN, "/api/v1/api-keys", "{\"role\":\"reader\",\"all_realms\":true}");
      String key = created.body().get("key").asText();
      String id = created.body().get("api_key").get("id").asText();
      assertThat(onTwo.get(key, "/api/v1/webhooks").status()).isEqualTo(200);

      assertThat(onOne.post(ApiTokens.ADMIN, "/api/v1/api-keys/" + id + ":revoke", "{}").status())
          .isEqualTo(200);

      // No wait: node two reads the key's row on every call.
      ApiClients.Reply refused = onTwo.get(key, "/api/v1/webhooks");
      assertThat(refused.status()).isEqualTo(401);
      assertThat(refused.body().get("message").asText()).contains("was revoked at");
    }
  }
}
