package dev.herald.core.route;

import static dev.herald.core.testing.Endpoints.endpoint;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.dispatch.DeliveryResult;
import dev.herald.core.limit.Rate;
import dev.herald.core.retry.RetryPolicy;
import dev.herald.core.webhook.WebhookEndpoint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A target's rate limit, driven one router pass at a time under a settable clock: the router claims
 * no more deliveries than the rate allows, retries included, and the deliveries it holds back wait
 * without using attempts.
 */
class RouterRateLimitTest {

  private static final RetryPolicy QUICK_RETRIES =
      RetryPolicy.schedule(Collections.nCopies(5, Duration.ofMillis(100)), 0.0);

  @TempDir Path folder;
  private final AtomicBoolean failing = new AtomicBoolean();
  private OneWebhookRouter herald;

  @AfterEach
  void close() {
    if (herald != null) {
      herald.close();
    }
  }

  private void start(String rateLimit) {
    WebhookEndpoint limited =
        endpoint("limited", "http://127.0.0.1:1/limited", "*")
            .withRateLimit(Optional.ofNullable(rateLimit).map(Rate::parse));
    herald =
        new OneWebhookRouter(
            folder,
            limited,
            QUICK_RETRIES,
            RouterSettings.ofDefaults(),
            a ->
                failing.get()
                    ? DeliveryResult.retry(null, "http_5xx", "HTTP 503")
                    : DeliveryResult.delivered());
  }

  @Test
  void attemptsNoMoreThanTheRateAllowsAndHeldDeliveriesKeepTheirAttempts() throws Exception {
    start("5/s");
    herald.append(12);

    assertThat(herald.pass()).as("one second's worth").isEqualTo(5);
    assertThat(herald.pass()).as("none left this second").isZero();
    assertThat(herald.attemptCounts()).containsOnly(1L, 0L).filteredOn(n -> n == 0).hasSize(7);

    herald.clock.advance(Duration.ofMillis(400));
    assertThat(herald.pass()).as("two permits refilled in 400 ms").isEqualTo(2);

    herald.clock.advance(Duration.ofSeconds(1));
    assertThat(herald.pass()).isEqualTo(5);
    assertThat(herald.pass()).isZero();
    assertThat(herald.dispatcher.attempts()).hasSize(12);
    assertThat(herald.attemptCounts()).containsOnly(1L);
  }

  @Test
  void retriesCountAgainstTheSameLimit() throws Exception {
    start("4/s");
    failing.set(true);
    herald.append(4);

    assertThat(herald.pass()).isEqualTo(4);
    herald.clock.advance(Duration.ofMillis(250));
    assertThat(herald.pass()).as("retries due, one permit refilled").isEqualTo(1);
    herald.clock.advance(Duration.ofMillis(500));
    assertThat(herald.pass()).isEqualTo(2);
  }

  @Test
  void aChangedLimitTakesEffectAtTheNextPassAndARemovedOneLiftsIt() throws Exception {
    start("2/s");
    herald.append(10);
    assertThat(herald.pass()).isEqualTo(2);

    herald.reconfigure(endpoint("limited", "http://127.0.0.1:1/limited", "*"));
    assertThat(herald.pass()).isEqualTo(8);
  }

  @Test
  void anUnlimitedTargetTakesWhatIsDue() throws Exception {
    start(null);
    herald.append(30);

    assertThat(herald.pass()).isEqualTo(30);
  }
}
