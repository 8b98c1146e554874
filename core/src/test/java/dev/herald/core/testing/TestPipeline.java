package dev.herald.core.testing;

import dev.herald.core.HeraldEngine;
import dev.herald.core.Stores;
import dev.herald.core.dispatch.Dispatcher;
import dev.herald.core.envelope.EnvelopeFactory;
import dev.herald.core.envelope.EnvelopeJson;
import dev.herald.core.envelope.EnvelopeLimits;
import dev.herald.core.envelope.EnvelopeValidator;
import dev.herald.core.envelope.PayloadTypes;
import dev.herald.core.retry.RetryPolicy;
import dev.herald.core.route.RouterSettings;
import dev.herald.core.rule.EventDocuments;
import dev.herald.core.store.SqliteDatabase;
import dev.herald.core.webhook.WebhookDirectory;
import dev.herald.core.webhook.WebhookEndpoint;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/** A real engine on a real SQLite file in a temp folder, with fast retries, for tests. */
public final class TestPipeline implements AutoCloseable {

  /** Three quick retries with no jitter: four attempts in all. */
  public static final RetryPolicy FAST_RETRIES =
      RetryPolicy.schedule(
          List.of(Duration.ofMillis(20), Duration.ofMillis(20), Duration.ofMillis(20)), 0.0);

  public final SqliteDatabase database;
  public final WebhookDirectory webhooks;
  public final HeraldEngine engine;
  public final EnvelopeFactory events;

  private TestPipeline(
      Path folder,
      List<WebhookEndpoint> endpoints,
      Function<WebhookDirectory, Dispatcher> dispatcher,
      RetryPolicy retryPolicy,
      PayloadTypes payloadTypes) {
    Clock clock = Clock.systemUTC();
    this.database = SqliteDatabase.open(folder.resolve("herald.db"));
    Stores stores = Stores.of(database, TestKeys.keyring(database));
    this.webhooks =
        new WebhookDirectory(
            database,
            stores.webhooks(),
            clock,
            new EventDocuments(EnvelopeJson.withoutTypedPayloads()));
    webhooks.syncConfigured(endpoints);
    this.engine =
        HeraldEngine.builder(database, stores)
            .clock(clock)
            .random(new SplittableRandom(42))
            .retryPolicy(retryPolicy)
            .routerSettings(
                new RouterSettings(
                    Duration.ofMillis(200), Duration.ofMinutes(1), 100, 64, Duration.ofSeconds(1)))
            .validator(
                new EnvelopeValidator(clock, EnvelopeLimits.ofDefaults(), payloadTypes)::validate)
            .targets(webhooks)
            .dispatcher(dispatcher.apply(webhooks))
            .build()
            .start();
    this.events = new EnvelopeFactory(clock, new SplittableRandom(7), "urn:herald:test");
  }

  /** Starts a pipeline whose webhooks go to the dispatcher made from the directory. */
  public static TestPipeline start(
      Path folder,
      List<WebhookEndpoint> endpoints,
      Function<WebhookDirectory, Dispatcher> dispatcher,
      RetryPolicy retryPolicy) {
    return start(folder, endpoints, dispatcher, retryPolicy, PayloadTypes.none());
  }

  /** Starts a pipeline whose validator requires the given typed payloads of their event types. */
  public static TestPipeline start(
      Path folder,
      List<WebhookEndpoint> endpoints,
      Function<WebhookDirectory, Dispatcher> dispatcher,
      RetryPolicy retryPolicy,
      PayloadTypes payloadTypes) {
    return new TestPipeline(folder, endpoints, dispatcher, retryPolicy, payloadTypes);
  }

  @Override
  public void close() {
    engine.close();
    database.close();
  }
}
