package dev.herald.host;

import static java.util.Objects.requireNonNull;

import com.linecorp.armeria.client.ClientFactory;
import dev.herald.core.HeraldEngine;
import dev.herald.core.envelope.EnvelopeJson;
import dev.herald.core.envelope.EnvelopeLimits;
import dev.herald.core.envelope.EnvelopeValidator;
import dev.herald.core.route.RouterSettings;
import dev.herald.core.store.SqliteDatabase;
import dev.herald.core.webhook.JooqWebhookEndpointStore;
import dev.herald.core.webhook.WebhookDirectory;
import dev.herald.dispatch.http.HttpDispatchSettings;
import dev.herald.dispatch.http.HttpWebhookDispatcher;
import dev.herald.host.config.DeliveryConfig;
import dev.herald.host.config.HeraldConfig;
import dev.herald.host.config.WebhookConfig;
import java.time.Clock;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Herald as configured: the database, the webhook endpoints, the engine and its dispatchers. */
public final class HeraldServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(HeraldServer.class);

  private final SqliteDatabase database;
  private final ClientFactory clientFactory;
  private final WebhookDirectory webhooks;
  private final HeraldEngine engine;

  private HeraldServer(HeraldConfig config, Clock clock) {
    this.database = SqliteDatabase.open(config.database().path());
    this.webhooks = new WebhookDirectory(database, new JooqWebhookEndpointStore(), clock);
    webhooks.syncConfigured(config.webhooks().stream().map(WebhookConfig::toEndpoint).toList());
    this.clientFactory = ClientFactory.builder().build();
    DeliveryConfig delivery = config.delivery();
    HttpWebhookDispatcher webhookDispatcher =
        new HttpWebhookDispatcher(
            webhooks::find,
            clock,
            EnvelopeJson.withoutTypedPayloads(),
            clientFactory,
            HttpDispatchSettings.ofDefaults().withExcerptBytes(delivery.responseExcerptBytes()));
    this.engine =
        HeraldEngine.builder(database)
            .clock(clock)
            .random(new SplittableRandom())
            .retryPolicy(delivery.retry().toPolicy())
            .routerSettings(routerSettings(delivery))
            .busCapacity(config.bus().queueCapacity())
            .validator(validator(config, clock)::validate)
            .targets(webhooks)
            .dispatcher(webhookDispatcher)
            .build();
  }

  /** Opens the database, stores the configured endpoints and starts delivering. */
  public static HeraldServer start(HeraldConfig config, Clock clock) {
    requireNonNull(config, "config");
    requireNonNull(clock, "clock");
    HeraldServer server = new HeraldServer(config, clock);
    server.engine.start();
    log.info(
        "Herald is delivering: database {}, {} webhook endpoint(s)",
        config.database().path().toAbsolutePath(),
        server.webhooks.all().size());
    return server;
  }

  /** Returns the envelope check the configuration asks for. */
  public static EnvelopeValidator validator(HeraldConfig config, Clock clock) {
    return new EnvelopeValidator(
        clock, EnvelopeLimits.ofDefaults().withMaxPayloadBytes(config.events().maxPayloadBytes()));
  }

  private static RouterSettings routerSettings(DeliveryConfig delivery) {
    return new RouterSettings(
        delivery.pollInterval(),
        delivery.lease(),
        delivery.batchSize(),
        delivery.maxInFlight(),
        RouterSettings.ofDefaults().shutdownGrace());
  }

  /** Returns the running engine. */
  public HeraldEngine engine() {
    return engine;
  }

  /** Returns the database. */
  public SqliteDatabase database() {
    return database;
  }

  /** Returns the webhook endpoints. */
  public WebhookDirectory webhooks() {
    return webhooks;
  }

  /** Shuts down gracefully: flush the bus, finish or release in-flight work, close everything. */
  @Override
  public void close() {
    log.info("Herald is shutting down");
    engine.close();
    clientFactory.close();
    database.close();
    log.info("Herald stopped");
  }
}
