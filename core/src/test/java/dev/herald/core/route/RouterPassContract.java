package dev.herald.core.route;

import static dev.herald.core.store.jooq.Tables.DELIVERIES;
import static dev.herald.core.store.jooq.Tables.DELIVERY_LOGS;
import static dev.herald.core.testing.Endpoints.endpoint;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.Stores;
import dev.herald.core.dispatch.DeliveryAttempt;
import dev.herald.core.dispatch.DeliveryResult;
import dev.herald.core.envelope.EnvelopeFactory;
import dev.herald.core.envelope.EnvelopeJson;
import dev.herald.core.outbox.TransactionalOutbox;
import dev.herald.core.retry.RetryPolicy;
import dev.herald.core.rule.EventDocuments;
import dev.herald.core.store.Database;
import dev.herald.core.testing.ScriptedDispatcher;
import dev.herald.core.testing.SettableClock;
import dev.herald.core.testing.TestKeys;
import dev.herald.core.webhook.WebhookDirectory;
import dev.herald.core.webhook.WebhookEndpoint;
import dev.herald.proto.event.v1.EventEnvelope;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The router driven one pass at a time under a settable clock: retry timing tested to the
 * millisecond without waiting, on every database.
 */
abstract class RouterPassContract {

  private static final Duration PASS = Duration.ofSeconds(20);
  private static final RetryPolicy TWO_RETRIES =
      RetryPolicy.schedule(List.of(Duration.ofSeconds(5), Duration.ofMinutes(1)), 0.0);

  /** Opens the test's database: a new one on the first call, the same one on later calls. */
  protected abstract Database open(Path folder);

  @TempDir Path folder;
  private final SettableClock clock = SettableClock.atEpoch2026();
  private final EnvelopeFactory events =
      new EnvelopeFactory(clock, new SplittableRandom(5), "urn:herald:test");
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

  private void start(
      Function<DeliveryAttempt, DeliveryResult> script, WebhookEndpoint... endpoints) {
    database = open(folder);
    Stores stores = Stores.of(database, TestKeys.keyring(database));
    WebhookDirectory webhooks =
        new WebhookDirectory(
            database,
            stores.webhooks(),
            clock,
            new EventDocuments(EnvelopeJson.withoutTypedPayloads()));
    webhooks.syncConfigured(List.of(endpoints));
    dispatcher = new ScriptedDispatcher("webhook", script);
    router =
        new Router(
            database,
            stores.outbox(),
            stores.deliveries(),
            webhooks,
            List.of(dispatcher),
            TWO_RETRIES,
            RouterSettings.ofDefaults(),
            clock,
            new SplittableRandom(1),
            new SimpleMeterRegistry());
    outbox = new TransactionalOutbox(database, stores.outbox(), event -> {}, clock, () -> {});
  }

  private EventEnvelope append(String type) {
    EventEnvelope event = events.json(type, "", "{}");
    outbox.inTransaction(
        (tx, appender) -> {
          appender.append(event);
          return null;
        });
    return event;
  }

  private int pass() throws Exception {
    return router.runOnce(PASS);
  }

  private List<String> logOutcomes() {
    return database.read(
        ctx ->
            ctx.select(DELIVERY_LOGS.OUTCOME)
                .from(DELIVERY_LOGS)
                .orderBy(DELIVERY_LOGS.ID)
                .fetch(DELIVERY_LOGS.OUTCOME));
  }

  private List<Long> logStarts() {
    return database.read(
        ctx ->
            ctx.select(DELIVERY_LOGS.STARTED_AT)
                .from(DELIVERY_LOGS)
                .orderBy(DELIVERY_LOGS.ID)
                .fetch(DELIVERY_LOGS.STARTED_AT));
  }

  private String status() {
    return database.read(
        ctx -> ctx.select(DELIVERIES.STATUS).from(DELIVERIES).fetchSingle(DELIVERIES.STATUS));
  }

  private static DeliveryResult serverError() {
    return DeliveryResult.retry(null, "http_status", "HTTP 500").withHttp(500, "boom");
  }

  @Test
  void retriesExactlyWhenTheScheduleSaysAndNotBefore() throws Exception {
    start(
        a -> a.attempt() < 3 ? serverError() : DeliveryResult.delivered().withHttp(204, ""),
        endpoint("flaky", "http://127.0.0.1:1/flaky", "user.*"));
    Instant t0 = clock.instant();
    append("user.created");

    assertThat(pass()).isEqualTo(1);
    assertThat(status()).isEqualTo("scheduled");
    clock.advance(Duration.ofSeconds(5).minusMillis(1));
    assertThat(pass()).as("a millisecond early").isZero();
    clock.advance(Duration.ofMillis(1));
    assertThat(pass()).isEqualTo(1);
    clock.advance(Duration.ofMinutes(1).minusMillis(1));
    assertThat(pass()).isZero();
    clock.advance(Duration.ofMillis(1));
    assertThat(pass()).isEqualTo(1);

    assertThat(status()).isEqualTo("succeeded");
    assertThat(logOutcomes()).containsExactly("retry", "retry", "succeeded");
    assertThat(logStarts())
        .containsExactly(
            t0.toEpochMilli(), t0.plusSeconds(5).toEpochMilli(), t0.plusSeconds(65).toEpochMilli());
    assertThat(dispatcher.attempts()).extracting(DeliveryAttempt::attempt).containsExactly(1, 2, 3);
  }

  @Test
  void deadLettersWhenTheRetriesRunOut() throws Exception {
    start(a -> serverError(), endpoint("down", "http://127.0.0.1:1/down", "*"));
    append("user.deleted");

    pass();
    clock.advance(Duration.ofSeconds(5));
    pass();
    clock.advance(Duration.ofMinutes(1));
    pass();
    clock.advance(Duration.ofDays(1));

    assertThat(pass()).isZero();
    assertThat(status()).isEqualTo("dead");
    assertThat(logOutcomes()).containsExactly("retry", "retry", "dead");
  }

  @Test
  void expandsEachEventOnceToExactlyItsSubscribers() throws Exception {
    start(
        a -> DeliveryResult.delivered(),
        endpoint("users", "http://127.0.0.1:1/u", "user.*"),
        endpoint("groups", "http://127.0.0.1:1/g", "group.*"),
        endpoint("all", "http://127.0.0.1:1/a", "*"));
    append("user.created");
    append("group.created");
    append("role.created");

    assertThat(pass()).isEqualTo(5);
    assertThat(pass()).isZero();

    assertThat(dispatcher.attempts())
        .extracting(a -> a.target().id() + "<-" + a.envelope().getEventType())
        .containsExactlyInAnyOrder(
            "users<-user.created",
            "all<-user.created",
            "groups<-group.created",
            "all<-group.created",
            "all<-role.created");
  }
}
