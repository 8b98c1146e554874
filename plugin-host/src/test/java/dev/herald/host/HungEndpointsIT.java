package dev.herald.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.linecorp.armeria.common.HttpStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Healthy endpoints beside many that accept TCP and never answer, on the default delivery settings
 * (issue 12's report): the healthy ones must keep about their pace. The test compares two runs of
 * itself, with and without the silent endpoints, never an absolute speed.
 */
class HungEndpointsIT {

  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final int HEALTHY = 9;
  private static final int SILENT = 20;
  private static final int EVENTS = 200;
  // Generous: the two runs share a busy machine, and the second stores twice as many deliveries.
  private static final int FACTOR = 5;
  private static final Duration SLACK = Duration.ofSeconds(2);

  @TempDir Path folder;

  @Test
  void healthyEndpointsKeepTheirPaceBesideEndpointsThatNeverAnswer() {
    Duration alone = timeToDeliverAll(folder.resolve("alone"), 0, Duration.ofMinutes(2));

    Duration allowed = alone.multipliedBy(FACTOR).plus(SLACK);
    Duration besideSilent = timeToDeliverAll(folder.resolve("beside-silent"), SILENT, allowed);

    assertThat(besideSilent)
        .as("beside %d silent endpoints (alone: %s)", SILENT, alone)
        .isLessThanOrEqualTo(allowed);
  }

  /**
   * Starts Herald with {@code HEALTHY} healthy endpoints and {@code silent} silent ones, publishes
   * {@code EVENTS} events every endpoint subscribes to, and returns how long the healthy endpoints
   * took to receive all of them; fails when that takes longer than {@code deadline}.
   */
  private static Duration timeToDeliverAll(Path folder, int silent, Duration deadline) {
    try (WebhookReceiver receiver = WebhookReceiver.start(SECRET, (p, id, n) -> HttpStatus.OK);
        SilentEndpoints silentEndpoints = SilentEndpoints.open(silent)) {
      StringBuilder webhooks = new StringBuilder();
      for (int i = 0; i < HEALTHY; i++) {
        webhooks.append(webhook("healthy-" + i, receiver.url("/healthy-" + i)));
      }
      for (int i = 0; i < silent; i++) {
        webhooks.append(webhook("silent-" + i, silentEndpoints.url(i)));
      }
      // Default delivery settings: the report was made with them.
      String yaml =
          TestDatabase.sqlite().yaml(folder) + "webhooks:\n" + webhooks.toString().indent(2);
      TestHerald herald = TestHerald.start(yaml);
      try {
        long start = System.nanoTime();
        herald.publishUsersCreated("acme", EVENTS);
        await()
            .atMost(deadline)
            .pollInterval(Duration.ofMillis(50))
            .untilAsserted(() -> assertThat(delivered(receiver)).isEqualTo(HEALTHY * EVENTS));
        return Duration.ofNanos(System.nanoTime() - start);
      } finally {
        silentEndpoints.close(); // their attempts fail at once: the server stops without waiting
        herald.close();
      }
    }
  }

  /** Returns how many events the healthy endpoints accepted, all together. */
  private static int delivered(WebhookReceiver receiver) {
    return IntStream.range(0, HEALTHY).map(i -> receiver.delivered("/healthy-" + i).size()).sum();
  }

  private static String webhook(String id, String url) {
    return """
        - id: %s
          url: %s
          secret: %s
          event_types: [user.*]
        """
        .formatted(id, url, SECRET);
  }
}
