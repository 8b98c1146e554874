package dev.herald.core.route;

import static dev.herald.core.store.jooq.Tables.DELIVERIES;
import static dev.herald.core.store.jooq.Tables.DELIVERY_LOGS;

import dev.herald.core.Stores;
import dev.herald.core.dispatch.DeliveryAttempt;
import dev.herald.core.dispatch.DeliveryResult;
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
import dev.herald.core.webhook.WebhookDirectory;
import dev.herald.core.webhook.WebhookEndpoint;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * A router over a real SQLite file with one webhook endpoint and a scripted dispatcher, driven one
 * pass at a time under a settable clock: for tests of what the router does per target (breakers,
 * rate limits).
 */
final class OneWebhookRouter implements AutoCloseable {

  private static final Duration PASS = Duration.ofSeconds(20);

  final SettableClock clock = SettableClock.atEpoch2026();
  final Database database;
  final ScriptedDispatcher dispatcher;
  final Router router;
  private final WebhookDirectory webhooks;
  private final TransactionalOutbox outbox;
  private final EnvelopeFactory events =
      new EnvelopeFactory(clock, new SplittableRandom(5), "urn:herald:test");

  OneWebhookRouter(
      Path folder,
      WebhookEndpoint endpoint,
      RetryPolicy retries,
      RouterSettings settings,
      Function<DeliveryAttempt, DeliveryResult> answers) {
    database = SqliteDatabase.open(folder.resolve("herald.db"));
    Stores stores = Stores.of(database, TestKeys.keyring(database));
    webhooks =
        new WebhookDirectory(
            database,
            stores.webhooks(),
            clock,
            new EventDocuments(EnvelopeJson.withoutTypedPayloads()));
    webhooks.syncConfigured(List.of(endpoint));
    dispatcher = new ScriptedDispatcher("webhook", answers);
    router =
        new Router(
            database,
            stores.outbox(),
            stores.deliveries(),
            webhooks,
            List.of(dispatcher),
            retries,
            settings,
            clock,
            new SplittableRandom(1),
            new SimpleMeterRegistry());
    outbox = new TransactionalOutbox(database, stores.outbox(), event -> {}, clock, () -> {});
  }

  /** Stores the endpoint as the config file would declare it now. */
  void reconfigure(WebhookEndpoint endpoint) {
    webhooks.syncConfigured(List.of(endpoint));
  }

  /** Appends {@code count} events the endpoint subscribes to. */
  void append(int count) {
    outbox.inTransaction(
        (tx, appender) -> {
          for (int i = 0; i < count; i++) {
            appender.append(events.json("user.created", "", "{}"));
          }
          return null;
        });
  }

  /** Runs one router pass at the clock's time; returns how many deliveries it attempted. */
  int pass() throws Exception {
    return router.runOnce(PASS);
  }

  /** Returns each delivery's attempt count, oldest delivery first. */
  List<Long> attemptCounts() {
    return database.read(
        ctx ->
            ctx.select(DELIVERIES.ATTEMPT_COUNT)
                .from(DELIVERIES)
                .orderBy(DELIVERIES.ID)
                .fetch(DELIVERIES.ATTEMPT_COUNT));
  }

  /** Returns the attempt log, oldest row first, as {@code delivery_id/attempt outcome class}. */
  List<String> attemptLog() {
    return database.read(
        ctx ->
            ctx.selectFrom(DELIVERY_LOGS)
                .orderBy(DELIVERY_LOGS.ID)
                .fetch(
                    r ->
                        r.getDeliveryId()
                            + "/"
                            + r.getAttempt()
                            + " "
                            + r.getOutcome()
                            + " "
                            + r.getErrorClass()));
  }

  /** Returns how many deliveries are in flight in the database. */
  int inFlight() {
    return database.read(
        ctx -> ctx.fetchCount(ctx.selectFrom(DELIVERIES).where(DELIVERIES.STATUS.eq("in_flight"))));
  }

  @Override
  public void close() {
    router.close();
    database.close();
  }
}
