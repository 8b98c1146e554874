package dev.herald.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.core.store.PostgresSettings;
import dev.herald.core.testing.TestPostgres;
import dev.herald.core.webhook.EndpointStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Two nodes on one PostgreSQL database: a pause, a resume, or an endpoint created on one reaches
 * the other within its poll interval, and both start with the same config file without fighting.
 */
class SharedStateIT {

  private static final Duration POLL = Duration.ofMillis(200);

  private static String yaml(PostgresSettings db) {
    return """
        database:
          url: %s
          user: %s
        delivery:
          poll_interval: 200ms
        webhooks:
          - id: billing
            url: http://127.0.0.1:1/hooks
            secret: whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
            event_types: ['*']
        """
            .formatted(db.url(), db.user())
        + TestHerald.SECRETS_SECTION
        + ApiTokens.apiSection();
  }

  private static EndpointStatus status(TestHerald node, String id) {
    return node.server().webhooks().find(id).orElseThrow().status();
  }

  @Test
  void whatOneNodeChangesTheOtherSeesWithinAPollInterval() {
    PostgresSettings db = TestPostgres.freshDatabase();
    try (TestHerald a = TestHerald.start(yaml(db));
        TestHerald b = TestHerald.start(yaml(db))) {
      ApiClients onA = new ApiClients(a.apiUrl());

      assertThat(onA.post(ApiTokens.ADMIN, "/api/v1/webhooks/billing:pause", "{}").status())
          .isEqualTo(200);
      await()
          .atMost(POLL.multipliedBy(25))
          .until(() -> status(b, "billing") == EndpointStatus.PAUSED);

      assertThat(onA.post(ApiTokens.ADMIN, "/api/v1/webhooks/billing:resume", "{}").status())
          .isEqualTo(200);
      await()
          .atMost(POLL.multipliedBy(25))
          .until(() -> status(b, "billing") == EndpointStatus.ACTIVE);

      String created =
          """
          {"id":"crm","url":"http://127.0.0.1:1/crm","event_types":["user.*"]}""";
      assertThat(onA.post(ApiTokens.ADMIN, "/api/v1/webhooks", created).status()).isEqualTo(200);
      await()
          .atMost(POLL.multipliedBy(25))
          .until(() -> b.server().webhooks().find("crm").isPresent());
    }
  }
}
