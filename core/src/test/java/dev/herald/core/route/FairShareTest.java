package dev.herald.core.route;

import static dev.herald.core.testing.Endpoints.endpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.core.dispatch.DeliveryAttempt;
import dev.herald.core.dispatch.DeliveryResult;
import dev.herald.core.testing.Latches;
import dev.herald.core.testing.ScriptedDispatcher;
import dev.herald.core.testing.TestPipeline;
import dev.herald.core.webhook.WebhookEndpoint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Targets whose attempts never finish cannot take the global in-flight limit (64 in {@link
 * TestPipeline}) from a healthy target: each holds at most its fair share.
 */
class FairShareTest {

  private static final int HUNG = 10;
  private static final int EVENTS = 200;

  @TempDir Path folder;

  @Test
  void aHealthyTargetGetsEveryDeliveryWhileManyTargetsHang() {
    CountDownLatch answer = new CountDownLatch(1);
    ScriptedDispatcher dispatcher =
        new ScriptedDispatcher(
            "webhook",
            attempt -> {
              if (attempt.target().id().startsWith("hung")) {
                Latches.await(answer); // hangs until the test ends
                return DeliveryResult.retry(null, "timeout", "no answer");
              }
              return DeliveryResult.delivered();
            });
    List<WebhookEndpoint> endpoints = new ArrayList<>();
    IntStream.range(0, HUNG)
        .forEach(i -> endpoints.add(endpoint("hung-" + i, "http://127.0.0.1:1/h" + i, "*")));
    endpoints.add(endpoint("healthy", "http://127.0.0.1:1/ok", "*"));
    try (TestPipeline pipeline =
        TestPipeline.start(folder, endpoints, w -> dispatcher, TestPipeline.FAST_RETRIES)) {
      try {
        for (int i = 0; i < EVENTS; i++) {
          pipeline.engine.bus().publish(pipeline.events.json("user.created", "", "{}")).join();
        }

        await()
            .atMost(Duration.ofSeconds(30))
            .untilAsserted(() -> assertThat(attemptsAt(dispatcher, "healthy")).isEqualTo(EVENTS));
        // 64 in flight shared by 11 targets: 5 each, and never more than the hung ones' limits.
        assertThat(dispatcher.attempts()).hasSizeLessThanOrEqualTo(EVENTS + HUNG * 8);
      } finally {
        answer.countDown();
      }
    }
  }

  private static long attemptsAt(ScriptedDispatcher dispatcher, String targetId) {
    return dispatcher.attempts().stream()
        .map(DeliveryAttempt::target)
        .filter(target -> target.id().equals(targetId))
        .count();
  }
}
