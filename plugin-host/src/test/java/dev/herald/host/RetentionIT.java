package dev.herald.host;

import static dev.herald.host.ApiTokens.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.linecorp.armeria.common.HttpStatus;
import dev.herald.core.testing.SettableClock;
import dev.herald.proto.admin.v1.TableStats;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server purges as configured: delivered rows older than {@code retention.succeeded} go, the
 * storage stats show it, and a pending delivery of the same age stays.
 */
class RetentionIT {

  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path folder;
  @AutoClose private TestHerald herald;
  @AutoClose private WebhookReceiver receiver;
  private final SettableClock clock =
      new SettableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));

  @Test
  void deliveredRowsOlderThanTheirRetentionArePurgedAndPendingOnesStay() {
    receiver = WebhookReceiver.start(List.of(SECRET), clock, (path, id, attempt) -> HttpStatus.OK);
    herald =
        TestHerald.startWithApi(
            folder,
            """
            delivery:
              poll_interval: 100ms
            retention:
              succeeded: 1d
              events: 2d
              interval: 100ms
              pause: 1ms
            webhooks:
              - {id: crm, url: '%s', secret: %s, event_types: [user.*]}
              - {id: later, url: '%s', secret: %s, event_types: [group.*]}
            """
                .formatted(receiver.url("/crm"), SECRET, receiver.url("/later"), SECRET),
            clock);
    ApiClients api = new ApiClients(herald.apiUrl());
    // A paused endpoint's deliveries wait as pending, however old they get.
    assertThat(api.post(ADMIN, "/api/v1/webhooks/later:pause", "{}").status()).isEqualTo(200);
    herald.publishUsersCreated("acme", 3);
    herald.publish("group.created", "acme", "{}");
    await()
        .atMost(WAIT)
        .until(() -> herald.statuses().stream().filter("succeeded"::equals).count() == 3);

    clock.advance(Duration.ofDays(3));

    await().atMost(WAIT).until(() -> herald.statuses().equals(List.of("pending")));
    Map<String, TableStats> tables = StorageStatsContract.tables(api);
    assertThat(tables.get("deliveries").getRows()).isEqualTo(1);
    assertThat(tables.get("event_outbox").getRows())
        .as("the pending delivery's event")
        .isEqualTo(1);
    assertThat(tables.get("delivery_logs").getRows()).isZero();
  }
}
