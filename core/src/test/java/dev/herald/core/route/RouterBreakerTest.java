package dev.herald.core.route;

import static dev.herald.core.store.jooq.Tables.DELIVERIES;
import static dev.herald.core.testing.Endpoints.endpoint;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.Stores;
import dev.herald.core.dispatch.DeliveryResult;
import dev.herald.core.dispatch.TargetRef;
import dev.herald.core.envelope.EnvelopeFactory;
import dev.herald.core.outbox.TransactionalOutbox;
import dev.herald.core.retry.RetryPolicy;
import dev.herald.core.store.Database;
import dev.herald.core.store.SqliteDatabase;
import dev.herald.core.testing.ScriptedDispatcher;
import dev.herald.core.testing.SettableClock;
import dev.herald.core.testing.TestKeys;
import dev.herald.core.webhook.EndpointStatus;
import dev.herald.core.webhook.WebhookDirectory;
import dev.herald.core.webhook.WebhookEndpoint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
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

  private static final Duration PASS = Duration.ofSeconds(20);
  private static final Duration OPEN_FOR = Duration.ofMinutes(1);
  private static final RetryPolicy QUICK_RETRIES =
      RetryPolicy.schedule(Collections.nCopies(5, Duration.ofSeconds(1)), 0.0);
  private static final TargetRef DOWN = new TargetRef("webhook", "down");

  @TempDir Path folder;
  private final SettableClock clock = SettableClock.atEpoch2026();
  private final EnvelopeFactory events =
      new EnvelopeFactory(clock, new SplittableRandom(5), "urn:herald:test");
  private final AtomicBoolean targetUp = new AtomicBoolean();
  private Database database;
  private ScriptedDispatcher dispatcher;
  private Router router;
  private TransactionalOutbox outbox;

  @AfterEach
  void close() {
    if (router != null) {
      router.close();
    }
    if (database != null) {
      database.close();
    }
  }

  private void start(int failureThreshold, WebhookEndpoint endpoint) {
    database = SqliteDatabase.open(folder.resolve("herald.db"));
    Stores stores = Stores.of(database, TestKeys.keyring(database));
    WebhookDirectory webhooks = new WebhookDirectory(database, stores.webhooks(), clock);
    webhooks.syncConfigured(List.of(endpoint));
    dispatcher =
        new ScriptedDispatcher(
            "webhook",
            a ->
                targetUp.get()
                    ? DeliveryResult.delivered()
                    : DeliveryResult.retry(null, "timeout", "no answer in 10s"));
    router =
        new Router(
            database,
            stores.outbox(),
            stores.deliveries(),
            webhooks,
            List.of(dispatcher),
            QUICK_RETRIES,
            RouterSettings.ofDefaults()
                .withBreaker(new BreakerSettings(failureThreshold, OPEN_FOR)),
            clock,
            new SplittableRandom(1));
    outbox = new TransactionalOutbox(database, stores.outbox(), event -> {}, clock, () -> {});
  }

  private void append(int count) {
    outbox.inTransaction(
        (tx, appender) -> {
          for (int i = 0; i < count; i++) {
            appender.append(events.json("user.created", "", "{}"));
          }
          return null;
        });
  }

  private int pass() throws Exception {
    return router.runOnce(PASS);
  }

  private List<Long> attemptCounts() {
    return database.read(
        ctx ->
            ctx.select(DELIVERIES.ATTEMPT_COUNT)
                .from(DELIVERIES)
                .orderBy(DELIVERIES.ID)
                .fetch(DELIVERIES.ATTEMPT_COUNT));
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
    int inFlight =
        database.read(
            ctx ->
                ctx.fetchCount(
                    ctx.selectFrom(DELIVERIES).where(DELIVERIES.STATUS.eq("in_flight"))));
    assertThat(inFlight).as("given back, not left in flight").isZero();
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
