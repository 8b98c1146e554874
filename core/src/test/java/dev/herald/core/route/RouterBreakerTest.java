package dev.herald.core.route;

import static dev.herald.core.testing.Endpoints.endpoint;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.dispatch.DeliveryResult;
import dev.herald.core.dispatch.TargetRef;
import dev.herald.core.retry.RetryPolicy;
import dev.herald.core.testing.ScriptedDispatcher;
import dev.herald.core.testing.SettableClock;
import dev.herald.core.webhook.EndpointStatus;
import dev.herald.core.webhook.WebhookEndpoint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A target's circuit breaker, driven one router pass at a time under a settable clock: it opens
 * after consecutive failures, holds the target's deliveries without attempts, lets one probe
 * through once its open spell is over, and closes when the probe succeeds.
 */
class RouterBreakerTest {

  private static final Duration OPEN_FOR = Duration.ofMinutes(1);
  private static final RetryPolicy QUICK_RETRIES =
      RetryPolicy.schedule(Collections.nCopies(5, Duration.ofSeconds(1)), 0.0);
  private static final TargetRef DOWN = new TargetRef("webhook", "down");

  @TempDir Path folder;
  private final AtomicBoolean targetUp = new AtomicBoolean();
  private OneWebhookRouter herald;
  private SettableClock clock;
  private Router router;
  private ScriptedDispatcher dispatcher;

  @AfterEach
  void close() {
    if (herald != null) {
      herald.close();
    }
  }

  private void start(int failureThreshold, WebhookEndpoint endpoint) {
    herald =
        new OneWebhookRouter(
            folder,
            endpoint,
            QUICK_RETRIES,
            RouterSettings.ofDefaults()
                .withBreaker(new BreakerSettings(failureThreshold, OPEN_FOR)),
            a ->
                targetUp.get()
                    ? DeliveryResult.delivered()
                    : DeliveryResult.retry(null, "timeout", "no answer in 10s"));
    clock = herald.clock;
    router = herald.router;
    dispatcher = herald.dispatcher;
  }

  private void append(int count) {
    herald.append(count);
  }

  private int pass() throws Exception {
    return herald.pass();
  }

  private List<Long> attemptCounts() {
    return herald.attemptCounts();
  }

  @Test
  void opensAfterConsecutiveFailuresHoldsWithoutAttemptsThenProbesOnceAndCloses() throws Exception {
    start(3, endpoint("down", "http://127.0.0.1:1/down", "*"));
    append(3);

    assertThat(pass()).isEqualTo(3);
    assertThat(router.breaker(DOWN).state()).isEqualTo(BreakerState.OPEN);

    clock.advance(OPEN_FOR.minusMillis(1));
    assertThat(pass()).as("open: retries due, none attempted").isZero();
    assertThat(attemptCounts()).containsExactly(1L, 1L, 1L);

    clock.advance(Duration.ofMillis(1));
    assertThat(router.breaker(DOWN).state()).isEqualTo(BreakerState.HALF_OPEN);
    assertThat(pass()).as("one probe").isEqualTo(1);
    assertThat(router.breaker(DOWN).state()).as("the probe failed").isEqualTo(BreakerState.OPEN);
    assertThat(pass()).isZero();

    targetUp.set(true);
    clock.advance(OPEN_FOR);
    assertThat(pass()).as("one probe again").isEqualTo(1);
    assertThat(router.breaker(DOWN).state()).isEqualTo(BreakerState.CLOSED);
    assertThat(pass()).as("the rest, once closed").isEqualTo(2);
    assertThat(dispatcher.attempts()).hasSize(3 + 1 + 1 + 2);
  }

  @Test
  void givesBackDeliveriesWaitingInTheLaneWhenItOpens() throws Exception {
    WebhookEndpoint one = endpoint("down", "http://127.0.0.1:1/down", "*");
    start(
        1,
        new WebhookEndpoint(
            one.id(),
            one.realmId(),
            one.url(),
            one.secret(),
            EndpointStatus.ACTIVE,
            one.timeout(),
            1, // one at a time: the others wait in the lane
            one.subscriptions(),
            one.source()));
    append(4);

    assertThat(pass()).as("claimed: one running, three waiting in the lane").isEqualTo(4);

    assertThat(dispatcher.attempts()).hasSize(1);
    assertThat(attemptCounts()).containsExactly(1L, 0L, 0L, 0L);
    assertThat(herald.inFlight()).as("given back, not left in flight").isZero();
    assertThat(herald.attemptLog())
        .as("each given back with a log row saying why, its attempt number not used")
        // The hand-back and the failed attempt's outcome are written by different threads.
        .containsExactlyInAnyOrder(
            "1/1 retry timeout",
            "2/1 deferred breaker_open",
            "3/1 deferred breaker_open",
            "4/1 deferred breaker_open");

    clock.advance(OPEN_FOR);
    targetUp.set(true);
    assertThat(pass()).as("the probe").isEqualTo(1);
    assertThat(pass()).as("the rest, once closed").isEqualTo(3);
    assertThat(herald.attemptLog()).contains("2/1 succeeded null", "4/1 succeeded null");
  }

  @Test
  void answersOtherThanFailuresKeepItClosed() throws Exception {
    targetUp.set(true);
    start(1, endpoint("down", "http://127.0.0.1:1/down", "*"));
    append(5);

    assertThat(pass()).isEqualTo(5);
    assertThat(router.breaker(DOWN).state()).isEqualTo(BreakerState.CLOSED);
  }
}
