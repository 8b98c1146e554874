package dev.herald.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.linecorp.armeria.common.HttpStatus;
import dev.herald.core.store.jooq.tables.records.DeliveryLogsRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole server with the default network policy: a webhook whose host name resolves to loopback
 * (localhost, from the hosts file) is never sent; its delivery is dead at the first attempt with
 * error class {@code blocked_address}.
 */
class BlockedAddressIT {

  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path folder;
  @AutoClose private TestHerald herald;
  @AutoClose private WebhookReceiver receiver;

  @Test
  void aNameThatResolvesToLoopbackIsDeadLetteredWithoutBeingSent() {
    receiver = WebhookReceiver.start(SECRET, (path, id, attempt) -> HttpStatus.OK);
    herald =
        TestHerald.start(
            TestDatabase.sqlite().yaml(folder)
                + """
                delivery:
                  poll_interval: 200ms
                  retry:
                    schedule: [50ms, 50ms, 50ms]
                    jitter: 0
                network:
                  allow: []
                webhooks:
                  - id: sneaky
                    url: https://localhost:%d/hooks
                    secret: %s
                    event_types: ['*']
                """
                    .formatted(receiver.port(), SECRET));

    herald.publish("user.created", "acme", "{}");

    await().atMost(WAIT).until(() -> herald.statuses().equals(List.of("dead")));
    List<DeliveryLogsRecord> logs = herald.logs();
    assertThat(logs).hasSize(1);
    assertThat(logs.get(0).getErrorClass()).isEqualTo("blocked_address");
    assertThat(logs.get(0).getErrorMessage())
        .contains("'localhost' resolves to")
        .contains("loopback");
    assertThat(receiver.received()).isEmpty();
  }
}
