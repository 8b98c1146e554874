package dev.herald.host;

import static java.util.Objects.requireNonNull;

import com.linecorp.armeria.client.ClientFactory;
import dev.herald.core.HeraldEngine;
import dev.herald.core.Stores;
import dev.herald.core.admin.Backlog;
import dev.herald.core.admin.BacklogMeters;
import dev.herald.core.admin.DeliveryCommands;
import dev.herald.core.admin.DeliveryQueries;
import dev.herald.core.admin.EventReplay;
import dev.herald.core.admin.InboundSources;
import dev.herald.core.admin.KeyRotation;
import dev.herald.core.admin.MissedEvents;
import dev.herald.core.admin.PluginControls;
import dev.herald.core.admin.StuckTargets;
import dev.herald.core.admin.WebhookEndpoints;
import dev.herald.core.admin.WebhookPreview;
import dev.herald.core.admin.WebhookRules;
import dev.herald.core.admin.WebhookSubscriptions;
import dev.herald.core.admin.WebhookTester;
import dev.herald.core.apikey.ApiKeyStore;
import dev.herald.core.apikey.ApiKeys;
import dev.herald.core.apikey.JooqApiKeyStore;
import dev.herald.core.dispatch.TargetRef;
import dev.herald.core.envelope.EnvelopeFactory;
import dev.herald.core.envelope.EnvelopeJson;
import dev.herald.core.envelope.EnvelopeLimits;
import dev.herald.core.envelope.EnvelopeValidator;
import dev.herald.core.envelope.PayloadTypes;
import dev.herald.core.identity.IdentityEventType;
import dev.herald.core.inbound.InboundReceiver;
import dev.herald.core.route.CompositeTargetDirectory;
import dev.herald.core.rule.EventDocuments;
import dev.herald.core.secret.MasterKey;
import dev.herald.core.secret.SecretKeyring;
import dev.herald.core.store.Database;
import dev.herald.core.store.MeteredDatabase;
import dev.herald.core.webhook.WebhookBodies;
import dev.herald.core.webhook.WebhookDirectory;
import dev.herald.dispatch.grpc.GrpcPluginDispatcher;
import dev.herald.dispatch.grpc.PluginChannels;
import dev.herald.dispatch.http.HttpDispatchSettings;
import dev.herald.dispatch.http.HttpWebhookDispatcher;
import dev.herald.dispatch.http.WebhookClientFactory;
import dev.herald.host.admin.ApiServer;
import dev.herald.host.admin.ApiServices;
import dev.herald.host.config.DeliveryConfig;
import dev.herald.host.config.HeraldConfig;
import dev.herald.host.config.WebhookConfig;
import dev.herald.host.plugin.ManifestLoader;
import dev.herald.host.plugin.PluginDirectory;
import dev.herald.host.plugin.PluginHost;
import dev.herald.host.plugin.PluginManifest;
import dev.herald.host.plugin.PluginMeters;
import dev.herald.host.plugin.SupervisionSettings;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Herald as configured: the database, the webhook endpoints, the engine and its dispatchers. */
public final class HeraldServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(HeraldServer.class);

  // How stale the backlog behind /ready and the database-backed gauges may be: a scrape or probe
  // every second costs the database two grouped queries per this interval.
  private static final Duration BACKLOG_MAX_AGE = Duration.ofSeconds(5);

  private final Database database;
  private final Stores stores;
  private final KeyRotation keyRotation;
  private final InboundSources inboundSources;
  private final ClientFactory clientFactory;
  private final WebhookDirectory webhooks;
  private final PluginHost plugins;
  private final HeraldEngine engine;
  private final HttpWebhookDispatcher webhookDispatcher;
  private final Supplier<HeraldConfig> reload;
  private final PluginControls pluginControls;
  private final CompositeTargetDirectory targets;
  private final BackgroundJobs jobs;
  private final ApiKeys apiKeys;
  private final HeraldConfig config;
  private final Clock clock;
  private final PrometheusMeterRegistry meters =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Object lifecycle = new Object();
  private boolean started;
  private boolean closed;
  private ApiServer api;

  private HeraldServer(
      HeraldConfig config,
      Clock clock,
      Map<String, String> environment,
      Supplier<HeraldConfig> reload) {
    this.reload = reload;
    this.config = config;
    this.clock = clock;
    // Manifests first: a bad one stops the start before anything is opened.
    List<PluginManifest> manifests = ManifestLoader.loadDirectory(config.plugins().directory());
    // So is a PostgreSQL configuration without a key_ref.
    SecureRandom random = new SecureRandom();
    MasterKey masterKey = config.secrets().masterKey(config.database(), random);
    this.database = new MeteredDatabase(DatabaseOpener.openWaiting(config.database()), meters);
    SecretKeyring keyring =
        new SecretKeyring(
            masterKey, config.secrets().previousKeys(), database.dialect(), random, clock);
    this.stores = Stores.of(database, keyring);
    this.keyRotation =
        new KeyRotation(database, keyring, stores.webhooks(), stores.inboundSources());
    // A wrong master key stops the start here; secrets stored in clear are sealed before use.
    keyRotation.prepare();
    EnvelopeJson envelopeJson = new EnvelopeJson(payloadTypes().typeRegistry());
    this.webhooks =
        new WebhookDirectory(database, stores.webhooks(), clock, new EventDocuments(envelopeJson));
    webhooks.syncConfigured(config.webhooks().stream().map(WebhookConfig::toEndpoint).toList());
    this.inboundSources = new InboundSources(database, stores.inboundSources(), clock, random);
    inboundSources.syncConfigured(config.sources());
    // Webhooks reach internal addresses only when network.allow names them.
    this.clientFactory = WebhookClientFactory.builder(config.network().policy()).build();
    DeliveryConfig delivery = config.delivery();
    this.webhookDispatcher =
        new HttpWebhookDispatcher(
            webhooks::find,
            clock,
            WebhookBodies.selectedBy(webhooks::select, envelopeJson),
            clientFactory,
            HttpDispatchSettings.ofDefaults().withExcerptBytes(delivery.responseExcerptBytes()));
    PluginChannels channels = new PluginChannels();
    PluginDirectory pluginDirectory =
        new PluginDirectory(this::wakeRouter, new EventDocuments(envelopeJson), clock);
    this.pluginControls =
        new PluginControls(database, stores.pluginControls(), stores.targetHealth(), clock);
    // An operator's pause and an auto-disable hold across restarts: applied before any plugin
    // starts.
    pluginDirectory.reload(pluginControls::paused, pluginControls::disabled);
    this.plugins =
        new PluginHost(
            manifests,
            channels,
            pluginDirectory,
            SupervisionSettings.of(config.plugins()),
            environment,
            HttpDispatchSettings.defaultUserAgent());
    this.targets =
        new CompositeTargetDirectory(
            Map.of(TargetRef.WEBHOOK, webhooks, TargetRef.PLUGIN, pluginDirectory));
    this.engine =
        HeraldEngine.builder(database, stores)
            .clock(clock)
            .random(new SplittableRandom())
            .retryPolicy(delivery.retry().toPolicy())
            .routerSettings(delivery.routerSettings())
            .busCapacity(config.bus().queueCapacity())
            .meters(meters)
            .validator(validator(config, clock)::validate)
            .targets(targets)
            .dispatcher(webhookDispatcher)
            .dispatcher(
                new GrpcPluginDispatcher(
                    channels, pluginDirectory::timeout, pluginDirectory::select))
            .build();
    ApiKeyStore keyStore = new JooqApiKeyStore();
    this.jobs =
        new BackgroundJobs(
            config,
            database,
            stores,
            keyStore,
            new SharedStateRefresh(webhooks, pluginControls, pluginDirectory, this::wakeRouter),
            clock);
    this.apiKeys = new ApiKeys(database, keyStore, jobs.keyUsage(), clock, random);
  }

  private void wakeRouter() {
    HeraldEngine running = engine;
    if (running != null) {
      running.router().wake();
    }
  }

  /** Opens the database, stores the configured endpoints, starts delivering and the API. */
  public static HeraldServer start(HeraldConfig config, Clock clock) {
    return start(config, clock, () -> config);
  }

  /**
   * Starts like {@link #start(HeraldConfig, Clock)}; {@code reload} re-reads the config file when
   * an operator asks the API to reload it.
   */
  public static HeraldServer start(
      HeraldConfig config, Clock clock, Supplier<HeraldConfig> reload) {
    HeraldServer server = open(config, clock, reload);
    server.start();
    return server;
  }

  /**
   * Opens the database and stores the configured endpoints without starting anything: no plugin
   * runs until {@link #start()}, so a shutdown hook registered in between covers every plugin.
   */
  public static HeraldServer open(HeraldConfig config, Clock clock, Supplier<HeraldConfig> reload) {
    requireNonNull(config, "config");
    requireNonNull(clock, "clock");
    requireNonNull(reload, "reload");
    return new HeraldServer(config, clock, System.getenv(), reload);
  }

  /**
   * Starts delivering, the plugins and the API; does nothing if {@link #close()} came first, and
   * closes what it started if it fails, so no plugin outlives a failed start.
   */
  public void start() {
    synchronized (lifecycle) {
      if (closed || started) {
        return;
      }
      started = true;
      try {
        engine.start();
        jobs.start(config, !database.dialect().singleWriter());
        plugins.start();
        api = ApiServer.start(config.api(), apiServices(config, clock));
      } catch (RuntimeException | Error e) {
        close();
        throw e;
      }
      log.info(
          "Herald is delivering: database {}, {} webhook endpoint(s), {} plugin(s); API on {}:{}",
          DatabaseOpener.describe(config.database()),
          webhooks.all().size(),
          plugins.directory().all().size(),
          config.api().address(),
          api.port());
    }
  }

  private ApiServices apiServices(HeraldConfig config, Clock clock) {
    Runnable wake = engine.router()::wake;
    StuckTargets stuck = new StuckTargets(config.delivery().stuckAfter(), targets::held);
    Backlog backlog =
        new Backlog(database, stores.outbox(), new DeliveryQueries(database), BACKLOG_MAX_AGE);
    DeliveryCommands deliveryCommands =
        new DeliveryCommands(database, stores.deliveries(), clock, wake);
    EventReplay replay =
        new EventReplay(database, stores.outbox(), stores.deliveries(), targets, clock, wake);
    MissedEvents missed = new MissedEvents(database, stores.targetHealth(), replay, clock);
    WebhookRules rules = new WebhookRules(config.api().allowHttpHosts(), config.network().policy());
    WebhookEndpoints endpoints =
        new WebhookEndpoints(
            database,
            stores.webhooks(),
            webhooks,
            deliveryCommands,
            missed,
            rules,
            clock,
            new SecureRandom(),
            wake);
    WebhookTester tester =
        new WebhookTester(
            webhookDispatcher,
            new EnvelopeFactory(clock, new SplittableRandom(), config.events().source().toString()),
            validator(config, clock)::validate,
            engine.router().rateLimits());
    return ApiServices.builder(database, clock)
        .webhooks(
            endpoints,
            new WebhookSubscriptions(
                endpoints, database, stores.webhooks(), webhooks, rules, clock),
            tester,
            new WebhookPreview(
                endpoints, webhooks, new EnvelopeJson(payloadTypes().typeRegistry())),
            this::reloadConfiguredWebhooks)
        .deliveries(deliveryCommands, replay)
        .plugins(plugins.directory(), pluginControls, missed, () -> reloadPlugins(config))
        .ingest(
            engine.bus(),
            validator(config, clock),
            payloadTypes(),
            config.events().source().toString(),
            config.ingest()::quotaOf)
        .inbound(
            new InboundReceiver(
                database,
                stores.inboundSources(),
                engine.bus(),
                validator(config, clock),
                payloadTypes(),
                config.events().maxPayloadBytes(),
                clock,
                new SplittableRandom()),
            inboundSources)
        .keys(keyRotation)
        .apiKeys(apiKeys)
        .metrics(meters, metricsRefresh(stuck, backlog), config.api().metricsRequireToken())
        .backlog(backlog, stuck)
        .routerRunning(engine.router()::running)
        .breakers(engine.router()::breaker)
        .build();
  }

  /** Returns what refreshes the gauges whose rows follow targets and plugins, before a scrape. */
  private Runnable metricsRefresh(StuckTargets stuck, Backlog backlog) {
    BacklogMeters backlogMeters =
        new BacklogMeters(meters, backlog, stuck, targets::targets, clock);
    PluginMeters pluginMeters = new PluginMeters(meters, plugins.directory());
    return () -> {
      backlogMeters.refresh();
      pluginMeters.refresh();
    };
  }

  /** Re-reads the manifest folder and applies it to the running plugins. */
  private PluginHost.Reload reloadPlugins(HeraldConfig config) {
    PluginHost.Reload result =
        plugins.reload(ManifestLoader.loadDirectory(config.plugins().directory()));
    engine.router().wake();
    return result;
  }

  /** Re-reads the config file and stores its webhook endpoints; returns their ids. */
  private List<String> reloadConfiguredWebhooks() {
    List<WebhookConfig> configured = reload.get().webhooks();
    webhooks.syncConfigured(configured.stream().map(WebhookConfig::toEndpoint).toList());
    engine.router().wake();
    return configured.stream().map(WebhookConfig::id).toList();
  }

  /** Returns the envelope check the configuration asks for. */
  public static EnvelopeValidator validator(HeraldConfig config, Clock clock) {
    return new EnvelopeValidator(
        clock,
        EnvelopeLimits.ofDefaults().withMaxPayloadBytes(config.events().maxPayloadBytes()),
        payloadTypes());
  }

  /** Returns the typed payloads Herald knows: the identity event catalogue. */
  public static PayloadTypes payloadTypes() {
    return IdentityEventType.payloadTypes();
  }

  /** Returns the port the API listens on. */
  public int apiPort() {
    return api.port();
  }

  /** Returns the running engine. */
  public HeraldEngine engine() {
    return engine;
  }

  /** Returns the database. */
  public Database database() {
    return database;
  }

  /** Returns the plugins and their states. */
  public PluginDirectory plugins() {
    return plugins.directory();
  }

  /** Returns the webhook endpoints. */
  public WebhookDirectory webhooks() {
    return webhooks;
  }

  /**
   * Shuts down gracefully: flush the bus, finish or release in-flight work, stop the plugins
   * (SIGTERM, grace period, SIGKILL), close everything. Safe at any moment: during {@link #start()}
   * it waits for the start to finish, and a second call does nothing.
   */
  @Override
  public void close() {
    synchronized (lifecycle) {
      if (closed) {
        return;
      }
      closed = true;
    }
    log.info("Herald is shutting down");
    if (api != null) {
      api.close();
    }
    // After the API: the calls it finished are counted before the key usage's last flush.
    jobs.close();
    engine.close();
    plugins.close();
    clientFactory.close();
    database.close();
    log.info("Herald stopped");
  }
}
