package dev.herald.core.route;

import static dev.herald.core.store.jooq.Tables.DELIVERIES;
import static dev.herald.core.testing.Endpoints.endpoint;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.Stores;
import dev.herald.core.admin.EventReplay;
import dev.herald.core.admin.MissedEvents;
import dev.herald.core.dispatch.DeliveryResult;
import dev.herald.core.dispatch.TargetRef;
import dev.herald.core.envelope.EnvelopeFactory;
import dev.herald.core.envelope.EnvelopeJson;
import dev.herald.core.outbox.TransactionalOutbox;
import dev.herald.core.retry.RetryPolicy;
import dev.herald.core.rule.EventDocuments;
import dev.herald.core.store.Database;
import dev.herald.core.store.SqliteDatabase;
import dev.herald.core.testing.ScriptedDispatcher;
import dev.herald.core.testing.SettableClock;
import dev.herald.core.testing.TestKeys;
import dev.herald.core.webhook.EndpointStatus;
import dev.herald.core.webhook.WebhookDirectory;
import dev.herald.core.webhook.WebhookEndpoint;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Auto-disable, driven one router pass at a time under a settable clock: a target that does nothing
 * but fail for the configured period is disabled with the reason; one success restarts the count;
 * the streak is stored, so a new router on the same database carries it on.
 */
class RouterAutoDisableTest {

  private static final Duration PASS = Duration.ofSeconds(20);
  private static final Duration DAY = Duration.ofDays(1);
  private static final Duration PERIOD = Duration.ofDays(5);
  private static final RetryPolicy DAILY_RETRIES =
      RetryPolicy.schedule(Collections.nCopies(30, DAY), 0.0);
  private static final WebhookEndpoint DOWN = endpoint("down", "http://127.0.0.1:1/down", "*");
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir Path folder;
  private final SettableClock clock = SettableClock.atEpoch2026();
  private final EnvelopeFactory events =
      new EnvelopeFactory(clock, new SplittableRandom(5), "urn:herald:test");
  private final AtomicBoolean targetUp = new AtomicBoolean();
  private Database database;
  private Stores stores;
  private WebhookDirectory webhooks;
  private Router router;
  private TransactionalOutbox outbox;

  @AfterEach
  void close() {
    stopRouter();
    if (database != null) {
      database.close();
    }
  }

  private void stopRouter() {
    if (router != null) {
      router.close();
      router = null;
    }
  }

  /** Starts a router; the database, and so the streak, is kept from an earlier start. */
  private void start(Duration autoDisableAfter) {
    if (database == null) {
      database = SqliteDatabase.open(folder.resolve("herald.db"));
    }
    stores = Stores.of(database, TestKeys.keyring(database));
    webhooks =
        new WebhookDirectory(
            database,
            stores.webhooks(),
            clock,
            new EventDocuments(EnvelopeJson.withoutTypedPayloads()));
    webhooks.syncConfigured(List.of(DOWN));
    ScriptedDispatcher dispatcher =
        new ScriptedDispatcher(
            "webhook",
            a ->
                targetUp.get()
                    ? DeliveryResult.delivered()
                    : DeliveryResult.retry(null, "http_5xx", "503 Service Unavailable")
                        .withHttp(503, ""));
    router =
        new Router(
            database,
            stores.outbox(),
            stores.deliveries(),
            webhooks,
            List.of(dispatcher),
            DAILY_RETRIES,
            RouterSettings.ofDefaults()
                .withBreaker(new BreakerSettings(1_000, Duration.ofMinutes(1)))
                .withAutoDisableAfter(autoDisableAfter),
            clock,
            new SplittableRandom(1),
            new SimpleMeterRegistry());
    outbox = new TransactionalOutbox(database, stores.outbox(), event -> {}, clock, () -> {});
  }

  private void append() {
    outbox.inTransaction(
        (tx, appender) -> {
          appender.append(events.json("user.created", "", "{}"));
          return null;
        });
  }

  private void pass() throws Exception {
    router.runOnce(PASS);
  }

  /** Moves a day on and lets the daily retry fail again. */
  private void failADayLater() throws Exception {
    clock.advance(DAY);
    pass();
  }

  private WebhookEndpoint stored() {
    webhooks.refresh();
    return webhooks.find("down").orElseThrow();
  }

  private int deliveries() {
    return database.read(ctx -> ctx.fetchCount(DELIVERIES));
  }

  @Test
  void aTargetFailingForThePeriodIsDisabledWithTheReasonAndGetsNoNewDeliveries() throws Exception {
    start(PERIOD);
    append();
    pass();
    for (int day = 1; day < 5; day++) {
      failADayLater();
      assertThat(stored().status()).as("day %d", day).isEqualTo(EndpointStatus.ACTIVE);
    }

    failADayLater();

    WebhookEndpoint disabled = stored();
    assertThat(disabled.status()).isEqualTo(EndpointStatus.DISABLED);
    assertThat(disabled.statusReason())
        .contains(
            "auto-disabled: only failures since 2026-01-01T00:00:00Z (last error: HTTP 503: 503"
                + " Service Unavailable)");
    TargetHealth health =
        database
            .read(ctx -> Stores.of(database).targetHealth().find(ctx, DOWN.target()))
            .orElseThrow();
    assertThat(health.disabledAt()).contains(T0.plus(PERIOD));

    append();
    pass();
    assertThat(deliveries()).as("a disabled endpoint gets no new deliveries").isEqualTo(1);
  }

  @Test
  void aResumeCountsTheEventsMissedWhileDisabledAndReplaysThemOnRequest() throws Exception {
    start(PERIOD);
    append();
    pass();
    for (int day = 1; day <= 5; day++) {
      failADayLater();
    }
    clock.advance(Duration.ofHours(1));
    append();
    append();
    pass();
    assertThat(deliveries()).as("missed while disabled").isEqualTo(1);
    clock.advance(Duration.ofMinutes(1));
    MissedEvents missed =
        new MissedEvents(
            database,
            stores.targetHealth(),
            new EventReplay(
                database, stores.outbox(), stores.deliveries(), webhooks, clock, () -> {}),
            clock);
    Optional<TargetHealth> before = missed.health(DOWN.target());

    // What WebhookEndpoints.resume does: forget the streak, take events again, then look back.
    missed.reset(DOWN.target());
    database.write(
        tx -> {
          stores.webhooks().setStatus(tx, "down", EndpointStatus.ACTIVE, null, clock.instant());
          return null;
        });
    webhooks.refresh();
    MissedEvents.Resumption counted = missed.resumed(DOWN.target(), before, false);
    assertThat(counted.missed()).isEqualTo(2);
    assertThat(counted.replayed()).isFalse();
    assertThat(counted.disabledAt()).contains(T0.plus(PERIOD));
    assertThat(deliveries()).as("counted only").isEqualTo(1);

    targetUp.set(true);
    MissedEvents.Resumption replayed = missed.resumed(DOWN.target(), before, true);
    assertThat(replayed.missed()).isEqualTo(2);
    clock.advance(DAY);
    pass();
    List<String> replays =
        database.read(
            ctx ->
                ctx.select(DELIVERIES.STATUS)
                    .from(DELIVERIES)
                    .where(DELIVERIES.PURPOSE.eq("replay"))
                    .fetch(DELIVERIES.STATUS));
    assertThat(replays).containsExactly("succeeded", "succeeded");
    assertThat(missed.health(DOWN.target())).as("the streak starts afresh").isEmpty();
  }

  @Test
  void oneSuccessInBetweenRestartsTheStreak() throws Exception {
    start(PERIOD);
    append();
    pass();
    failADayLater();
    failADayLater();
    targetUp.set(true);
    clock.advance(DAY);
    pass(); // day 3: the retry succeeds
    targetUp.set(false);
    append();
    pass(); // day 3: a new event fails, a new streak begins

    for (int day = 4; day < 8; day++) {
      failADayLater();
      assertThat(stored().status()).as("day %d", day).isEqualTo(EndpointStatus.ACTIVE);
    }
    failADayLater();

    assertThat(stored().status()).isEqualTo(EndpointStatus.DISABLED);
    assertThat(stored().statusReason().orElseThrow())
        .contains("only failures since " + T0.plus(Duration.ofDays(3)));
  }

  @Test
  void aNewRouterOnTheSameDatabaseCarriesTheStreakOn() throws Exception {
    start(PERIOD);
    append();
    pass();
    failADayLater();
    failADayLater();
    stopRouter();

    start(PERIOD);
    failADayLater();
    failADayLater();
    assertThat(stored().status()).isEqualTo(EndpointStatus.ACTIVE);
    failADayLater();

    assertThat(stored().status()).isEqualTo(EndpointStatus.DISABLED);
    assertThat(stored().statusReason().orElseThrow()).contains("only failures since " + T0);
  }

  @Test
  void aZeroPeriodNeverDisables() throws Exception {
    start(Duration.ZERO);
    append();
    pass();
    for (int day = 1; day <= 10; day++) {
      failADayLater();
    }

    assertThat(stored().status()).isEqualTo(EndpointStatus.ACTIVE);
    Optional<TargetHealth> health =
        database.read(
            ctx -> Stores.of(database).targetHealth().find(ctx, TargetRef.webhook("down")));
    assertThat(health).as("nothing tracked").isEmpty();
  }
}
