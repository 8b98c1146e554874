package dev.herald.core.route;

import static dev.herald.core.store.jooq.Tables.DELIVERIES;
import static dev.herald.core.testing.Endpoints.endpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.core.Stores;
import dev.herald.core.dispatch.DeliveryResult;
import dev.herald.core.envelope.EnvelopeFactory;
import dev.herald.core.envelope.EnvelopeJson;
import dev.herald.core.outbox.TransactionalOutbox;
import dev.herald.core.retry.RetryPolicy;
import dev.herald.core.rule.EventDocuments;
import dev.herald.core.store.SqliteDatabase;
import dev.herald.core.testing.ScriptedDispatcher;
import dev.herald.core.testing.TestKeys;
import dev.herald.core.webhook.WebhookDirectory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two workers on one database: an attempt that runs longer than a lease keeps its lease, so the
 * other worker never claims it meanwhile.
 */
class LeaseRenewalTest {

  private static final Duration LEASE = Duration.ofMillis(600);

  @TempDir Path folder;
  private final List<AutoCloseable> opened = new ArrayList<>();
  private final CountDownLatch answer = new CountDownLatch(1);
  private final ScriptedDispatcher dispatcher =
      new ScriptedDispatcher(
          "webhook",
          attempt -> {
            try {
              answer.await(30, TimeUnit.SECONDS); // the receiver is slower than a lease
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return DeliveryResult.delivered();
          });

  @AfterEach
  void close() throws Exception {
    answer.countDown();
    for (AutoCloseable closeable : opened.reversed()) {
      closeable.close();
    }
  }

  private SqliteDatabase worker() {
    SqliteDatabase database = SqliteDatabase.open(folder.resolve("herald.db"));
    opened.add(database);
    Stores stores = Stores.of(database, TestKeys.keyring(database));
    WebhookDirectory webhooks =
        new WebhookDirectory(
            database,
            stores.webhooks(),
            Clock.systemUTC(),
            new EventDocuments(EnvelopeJson.withoutTypedPayloads()));
    webhooks.syncConfigured(List.of(endpoint("slow", "http://127.0.0.1:1/slow", "*")));
    Router router =
        new Router(
            database,
            stores.outbox(),
            stores.deliveries(),
            webhooks,
            List.of(dispatcher),
            RetryPolicy.ofDefaults(),
            new RouterSettings(Duration.ofMillis(50), LEASE, 100, 16, Duration.ofSeconds(1)),
            Clock.systemUTC(),
            new SplittableRandom(3),
            new SimpleMeterRegistry());
    opened.add(router);
    router.start();
    return database;
  }

  @Test
  void anAttemptSlowerThanItsLeaseIsNotClaimedByAnotherWorker() {
    SqliteDatabase first = worker();
    worker();
    EnvelopeFactory events =
        new EnvelopeFactory(Clock.systemUTC(), new SplittableRandom(1), "urn:t");
    new TransactionalOutbox(first, Stores.of(first).outbox(), e -> {}, Clock.systemUTC(), () -> {})
        .inTransaction(
            (tx, outbox) -> {
              outbox.append(events.json("user.created", "", "{}"));
              return null;
            });

    await().atMost(Duration.ofSeconds(20)).until(() -> dispatcher.attempts().size() == 1);
    // Four leases go by while the attempt runs; the other worker polls every 50 ms meanwhile.
    long until = System.nanoTime() + LEASE.multipliedBy(4).toNanos();
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> System.nanoTime() > until || dispatcher.attempts().size() > 1);
    answer.countDown();

    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                "succeeded"
                    .equals(
                        first.read(
                            ctx ->
                                ctx.select(DELIVERIES.STATUS)
                                    .from(DELIVERIES)
                                    .fetchOne(DELIVERIES.STATUS))));
    assertThat(dispatcher.attempts()).hasSize(1);
  }
}
