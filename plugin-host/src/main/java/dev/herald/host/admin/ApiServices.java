package dev.herald.host.admin;

import static java.util.Objects.requireNonNull;

import com.linecorp.armeria.common.grpc.GrpcExceptionHandlerFunction;
import dev.herald.core.admin.ActivityQueries;
import dev.herald.core.admin.AdminException;
import dev.herald.core.admin.Backlog;
import dev.herald.core.admin.DeliveryCommands;
import dev.herald.core.admin.DeliveryQueries;
import dev.herald.core.admin.EventExport;
import dev.herald.core.admin.EventLookup;
import dev.herald.core.admin.EventReplay;
import dev.herald.core.admin.EventSearch;
import dev.herald.core.admin.InboundSources;
import dev.herald.core.admin.KeyRotation;
import dev.herald.core.admin.MissedEvents;
import dev.herald.core.admin.PluginControls;
import dev.herald.core.admin.ReplayRuns;
import dev.herald.core.admin.StorageStats;
import dev.herald.core.admin.StuckTargets;
import dev.herald.core.admin.WebhookEndpoints;
import dev.herald.core.admin.WebhookPreview;
import dev.herald.core.admin.WebhookSubscriptions;
import dev.herald.core.admin.WebhookTester;
import dev.herald.core.apikey.ApiKeys;
import dev.herald.core.audit.AuditLog;
import dev.herald.core.bus.EventBus;
import dev.herald.core.dispatch.TargetRef;
import dev.herald.core.envelope.EnvelopeJson;
import dev.herald.core.envelope.EnvelopeValidator;
import dev.herald.core.envelope.PayloadTypes;
import dev.herald.core.inbound.InboundReceiver;
import dev.herald.core.limit.Rate;
import dev.herald.core.route.BreakerStatus;
import dev.herald.core.store.Database;
import dev.herald.host.plugin.PluginDirectory;
import dev.herald.host.plugin.PluginHost;
import io.grpc.BindableService;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

/** What the API serves, built from the running pipeline's parts. */
public final class ApiServices {

  private final List<BindableService> grpcServices;
  private final ReadinessService readiness;
  private final PayloadTypes payloadTypes;
  private final AuditLog audit;
  private final Clock clock;
  private final Function<String, Optional<String>> webhookRealm;
  private final Metrics metrics;
  private final InboundHttpService inbound;
  private final ApiKeys apiKeys;
  private final IngestApi ingest;
  private final EventExport export;

  /** What {@code /metrics} serves, and whether it needs a token. */
  private record Metrics(
      PrometheusMeterRegistry registry, Runnable refresh, boolean requireToken) {}

  private ApiServices(
      List<BindableService> grpcServices,
      ReadinessService readiness,
      PayloadTypes payloadTypes,
      AuditLog audit,
      Clock clock,
      Function<String, Optional<String>> webhookRealm,
      Metrics metrics,
      InboundHttpService inbound,
      ApiKeys apiKeys,
      IngestApi ingest,
      EventExport export) {
    this.grpcServices = List.copyOf(grpcServices);
    this.readiness = readiness;
    this.payloadTypes = payloadTypes;
    this.audit = audit;
    this.clock = clock;
    this.webhookRealm = webhookRealm;
    this.metrics = metrics;
    this.inbound = inbound;
    this.apiKeys = apiKeys;
    this.ingest = ingest;
    this.export = export;
  }

  /** Returns the API keys, which the authenticator checks presented keys against. */
  ApiKeys apiKeys() {
    return apiKeys;
  }

  /** Returns what serves {@code POST /api/v1/cloudevents}, authenticating with {@code tokens}. */
  CloudEventsIngestService cloudEvents(TokenAuthenticator tokens) {
    return new CloudEventsIngestService(ingest, tokens);
  }

  /** Returns what serves {@code POST /in/{source}}. */
  InboundHttpService inbound() {
    return inbound;
  }

  /** Collects the parts the services are made of. */
  public static Builder builder(Database database, Clock clock) {
    return new Builder(database, clock);
  }

  List<BindableService> grpcServices() {
    return grpcServices;
  }

  ReadinessService readiness() {
    return readiness;
  }

  /** Returns what records the admin changes, mapping exceptions to statuses with {@code errors}. */
  AuditTrail auditTrail(GrpcExceptionHandlerFunction errors) {
    return new AuditTrail(audit, clock, errors, webhookRealm);
  }

  /** Returns what serves {@code GET /api/v1/events:export}, authenticating with {@code tokens}. */
  ExportHttpService export(TokenAuthenticator tokens) {
    return new ExportHttpService(export, payloadTypes.typeRegistry(), tokens);
  }

  MetricsService metrics(TokenAuthenticator tokens) {
    return new MetricsService(
        metrics.registry(), metrics.refresh(), tokens, metrics.requireToken());
  }

  /** Returns the typed payloads events may carry, which REST renders inside {@code Any}. */
  PayloadTypes payloadTypes() {
    return payloadTypes;
  }

  /** Collects the pipeline's parts; each is required. */
  public static final class Builder {
    private final Database database;
    private final Clock clock;
    private WebhookEndpoints webhooks;
    private WebhookSubscriptions subscriptions;
    private WebhookTester tester;
    private WebhookPreview preview;
    private Supplier<List<String>> reloadConfigured;
    private DeliveryCommands deliveryCommands;
    private EventReplay replay;
    private PluginDirectory plugins;
    private PluginControls pluginControls;
    private MissedEvents missed;
    private Supplier<PluginHost.Reload> reloadPlugins;
    private EventBus bus;
    private EnvelopeValidator validator;
    private PayloadTypes payloadTypes;
    private String source;
    private Function<String, Optional<Rate>> ingestQuotas;
    private BooleanSupplier routerRunning;
    private Function<TargetRef, BreakerStatus> breakers;
    private KeyRotation keys;
    private ApiKeys apiKeys;
    private Metrics metrics;
    private Backlog backlog;
    private StuckTargets stuck;
    private InboundReceiver inboundReceiver;
    private InboundSources inboundSources;

    private Builder(Database database, Clock clock) {
      this.database = requireNonNull(database, "database");
      this.clock = requireNonNull(clock, "clock");
    }

    /**
     * Sets the webhook and subscription commands, the tester, the delivery preview and how the
     * config file's endpoints are reloaded.
     */
    public Builder webhooks(
        WebhookEndpoints webhooks,
        WebhookSubscriptions subscriptions,
        WebhookTester tester,
        WebhookPreview preview,
        Supplier<List<String>> reloadConfigured) {
      this.webhooks = requireNonNull(webhooks, "webhooks");
      this.subscriptions = requireNonNull(subscriptions, "subscriptions");
      this.tester = requireNonNull(tester, "tester");
      this.preview = requireNonNull(preview, "preview");
      this.reloadConfigured = requireNonNull(reloadConfigured, "reloadConfigured");
      return this;
    }

    /** Sets the delivery commands and the replayer. */
    public Builder deliveries(DeliveryCommands deliveryCommands, EventReplay replay) {
      this.deliveryCommands = requireNonNull(deliveryCommands, "deliveryCommands");
      this.replay = requireNonNull(replay, "replay");
      return this;
    }

    /**
     * Sets the plugins, their stored controls, what they missed while auto-disabled and how the
     * manifests are reloaded.
     */
    public Builder plugins(
        PluginDirectory plugins,
        PluginControls pluginControls,
        MissedEvents missed,
        Supplier<PluginHost.Reload> reloadPlugins) {
      this.plugins = requireNonNull(plugins, "plugins");
      this.pluginControls = requireNonNull(pluginControls, "pluginControls");
      this.missed = requireNonNull(missed, "missed");
      this.reloadPlugins = requireNonNull(reloadPlugins, "reloadPlugins");
      return this;
    }

    /**
     * Sets where ingested events are published and checked.
     *
     * @param payloadTypes turns a JSON payload of a catalogue type into its typed message
     * @param source the source of ingested envelopes that name none
     * @param quotas each realm's ingest quota, or empty for a realm without one
     */
    public Builder ingest(
        EventBus bus,
        EnvelopeValidator validator,
        PayloadTypes payloadTypes,
        String source,
        Function<String, Optional<Rate>> quotas) {
      this.bus = requireNonNull(bus, "bus");
      this.validator = requireNonNull(validator, "validator");
      this.payloadTypes = requireNonNull(payloadTypes, "payloadTypes");
      this.source = requireNonNull(source, "source");
      this.ingestQuotas = requireNonNull(quotas, "quotas");
      return this;
    }

    /** Sets what receives inbound webhooks and the admin commands on their sources. */
    public Builder inbound(InboundReceiver receiver, InboundSources sources) {
      this.inboundReceiver = requireNonNull(receiver, "receiver");
      this.inboundSources = requireNonNull(sources, "sources");
      return this;
    }

    /** Sets where each target's circuit breaker is read: the router of this node. */
    public Builder breakers(Function<TargetRef, BreakerStatus> breakers) {
      this.breakers = requireNonNull(breakers, "breakers");
      return this;
    }

    /** Sets the rotation of the key that seals webhook secrets at rest. */
    public Builder keys(KeyRotation keys) {
      this.keys = requireNonNull(keys, "keys");
      return this;
    }

    /** Sets the API keys: their admin commands, and how a presented key is checked. */
    public Builder apiKeys(ApiKeys apiKeys) {
      this.apiKeys = requireNonNull(apiKeys, "apiKeys");
      return this;
    }

    /**
     * Sets what {@code GET /metrics} serves.
     *
     * @param refresh updates the gauges whose rows change (targets, plugins) before a scrape
     * @param requireToken whether a scrape needs a token of any role
     */
    public Builder metrics(
        PrometheusMeterRegistry registry, Runnable refresh, boolean requireToken) {
      this.metrics =
          new Metrics(
              requireNonNull(registry, "registry"),
              requireNonNull(refresh, "refresh"),
              requireToken);
      return this;
    }

    /**
     * Sets the cached backlog and the rule by which {@code /ready} and the stats call targets
     * stuck.
     */
    public Builder backlog(Backlog backlog, StuckTargets stuck) {
      this.backlog = requireNonNull(backlog, "backlog");
      this.stuck = requireNonNull(stuck, "stuck");
      return this;
    }

    /** Sets whether the router runs, for {@code /ready}. */
    public Builder routerRunning(BooleanSupplier routerRunning) {
      this.routerRunning = requireNonNull(routerRunning, "routerRunning");
      return this;
    }

    /** Builds the services. */
    public ApiServices build() {
      requireNonNull(webhooks, "webhooks");
      requireNonNull(deliveryCommands, "deliveryCommands");
      requireNonNull(plugins, "plugins");
      requireNonNull(bus, "bus");
      requireNonNull(routerRunning, "routerRunning");
      requireNonNull(breakers, "breakers");
      requireNonNull(keys, "keys");
      requireNonNull(apiKeys, "apiKeys");
      requireNonNull(metrics, "metrics");
      requireNonNull(backlog, "backlog");
      requireNonNull(inboundReceiver, "inboundReceiver");
      DeliveryQueries deliveries = new DeliveryQueries(database);
      AuditLog audit = new AuditLog(database);
      EventLookup events = new EventLookup(database, deliveries);
      // Served over gRPC and REST, and behind POST /api/v1/cloudevents.
      IngestApi ingest =
          new IngestApi(
              bus,
              database,
              events,
              validator,
              payloadTypes,
              clock,
              new SplittableRandom(),
              source,
              new IngestQuota(ingestQuotas, clock),
              metrics.registry());
      EventExport export = new EventExport(database, deliveries);
      return new ApiServices(
          List.of(
              new WebhookApi(
                  webhooks,
                  subscriptions,
                  tester,
                  preview,
                  events,
                  deliveries,
                  reloadConfigured,
                  breakers,
                  stuck,
                  clock),
              new DeliveryApi(deliveries, deliveryCommands),
              new ReplayApi(replay, new ReplayRuns(database), clock),
              new ActivityApi(new ActivityQueries(database, deliveries), clock),
              new KeyApi(keys),
              new ApiKeyApi(apiKeys),
              new StorageApi(new StorageStats(database)),
              new PluginApi(
                  plugins,
                  pluginControls,
                  missed,
                  deliveries,
                  reloadPlugins,
                  breakers,
                  stuck,
                  events,
                  new EnvelopeJson(payloadTypes.typeRegistry()),
                  clock),
              ingest,
              new AuditApi(audit),
              new SourceApi(inboundSources),
              new EventAdminApi(new EventSearch(database, deliveries)),
              new ExportApi(export, payloadTypes.typeRegistry()),
              new CallerApi()),
          new ReadinessService(database, routerRunning, backlog, stuck, clock),
          payloadTypes,
          audit,
          clock,
          id -> {
            try {
              return Optional.of(webhooks.get(id).realmId());
            } catch (AdminException e) {
              return Optional.empty();
            }
          },
          metrics,
          new InboundHttpService(inboundReceiver, metrics.registry()),
          apiKeys,
          ingest,
          export);
    }
  }
}
