package dev.herald.host.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.core.inbound.InboundSource;
import dev.herald.core.route.BreakerSettings;
import dev.herald.core.secret.MasterKey;
import dev.herald.host.config.PluginsConfig.RestartBackoff;
import dev.herald.host.config.RetryConfig.Backoff;
import dev.herald.host.config.RetryConfig.Exponential;
import dev.herald.host.config.RetryConfig.Schedule;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Maps the YAML tree's top-level sections to {@link HeraldConfig}, recording every problem. */
final class ConfigTreeMapper {

  private static final Exponential DEFAULT_EXPONENTIAL =
      new Exponential(Duration.ofSeconds(1), 2.0, Duration.ofHours(1), 10);

  private final DatabaseMapper databases;
  private final WebhookMapper webhooks;
  private final ApiMapper api;
  private final SourceMapper sources;
  private final SecretResolver secrets;

  ConfigTreeMapper(SecretResolver secrets) {
    this.secrets = secrets;
    this.databases = new DatabaseMapper(secrets);
    this.webhooks = new WebhookMapper(secrets);
    this.api = new ApiMapper(secrets);
    this.sources = new SourceMapper(secrets);
  }

  /** Returns the configuration; meaningful only when no problem was recorded. */
  HeraldConfig map(YamlMapping root) {
    DatabaseConfig database = databases.map(root.mapping("database"));
    EventsConfig events = events(root.mapping("events"));
    BusConfig bus = bus(root.mapping("bus"));
    DeliveryConfig delivery = delivery(root.mapping("delivery"));
    PluginsConfig plugins = plugins(root.mapping("plugins"));
    NetworkConfig network = NetworkMapper.map(root.mapping("network"));
    List<WebhookConfig> hooks = webhooks.map(root, network.policy());
    ApiConfig apiConfig = api.map(root.mapping("api"));
    IngestConfig ingest = ingest(root.mapping("ingest"));
    SecretsConfig secretsConfig = secrets(root.mapping("secrets"));
    RetentionConfig retention = RetentionMapper.map(root.mapping("retention"));
    LoggingConfig logging = LoggingMapper.map(root.mapping("logging"));
    List<InboundSource> inbound = sources.map(root.mapping("sources"));
    root.rejectUnknownKeys();
    return new HeraldConfig(
        database,
        events,
        bus,
        delivery,
        plugins,
        hooks,
        apiConfig,
        ingest,
        secretsConfig,
        network,
        retention,
        logging,
        inbound);
  }

  private static IngestConfig ingest(YamlMapping yaml) {
    IngestConfig ingest =
        new IngestConfig(
            yaml.optional("quota", Scalars.rate()),
            yaml.mapping("realm_quotas").entries(Scalars.rate()));
    yaml.rejectUnknownKeys();
    return ingest;
  }

  private SecretsConfig secrets(YamlMapping yaml) {
    Optional<MasterKey> key = yaml.optional("key_ref", node -> masterKey(node, "key_ref"));
    List<MasterKey> previous =
        yaml.list("previous_key_refs", node -> masterKey(node, "previous_key_refs"))
            .orElse(List.of());
    if (!previous.isEmpty() && !yaml.has("key_ref")) {
      yaml.problem(
          "previous_key_refs", "set without key_ref (expected: the new master key in key_ref)");
    }
    yaml.rejectUnknownKeys();
    return new SecretsConfig(key, previous);
  }

  private MasterKey masterKey(JsonNode node, String key) {
    String name = Scalars.nonBlankText().read(node);
    String text = secrets.resolve(name);
    try {
      return MasterKey.parse(text, "secrets." + key + " '" + name + "'");
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + name + "': " + e.getMessage(), e);
    }
  }

  private static EventsConfig events(YamlMapping yaml) {
    EventsConfig defaults = EventsConfig.ofDefaults();
    EventsConfig events =
        new EventsConfig(
            yaml.get("source", Scalars.absoluteUri(), defaults.source()),
            yaml.get("max_payload_bytes", Scalars.integerAtLeast(1), defaults.maxPayloadBytes()));
    yaml.rejectUnknownKeys();
    return events;
  }

  private static BusConfig bus(YamlMapping yaml) {
    BusConfig defaults = BusConfig.ofDefaults();
    BusConfig bus =
        new BusConfig(
            yaml.get("queue_capacity", Scalars.integerAtLeast(1), defaults.queueCapacity()));
    yaml.rejectUnknownKeys();
    return bus;
  }

  private static DeliveryConfig delivery(YamlMapping yaml) {
    DeliveryConfig defaults = DeliveryConfig.ofDefaults();
    DeliveryConfig delivery =
        new DeliveryConfig(
            yaml.get("poll_interval", Scalars.positiveDuration(), defaults.pollInterval()),
            yaml.get("lease", Scalars.positiveDuration(), defaults.lease()),
            yaml.get("batch_size", Scalars.integerAtLeast(1), defaults.batchSize()),
            yaml.get("max_in_flight", Scalars.integerAtLeast(1), defaults.maxInFlight()),
            yaml.get(
                "response_excerpt_bytes",
                Scalars.integerAtLeast(0),
                defaults.responseExcerptBytes()),
            retry(yaml.mapping("retry")),
            circuitBreaker(yaml.mapping("circuit_breaker")),
            yaml.get("auto_disable_after", Scalars.durationOrOff(), defaults.autoDisableAfter()),
            yaml.get("stuck_after", Scalars.positiveDuration(), defaults.stuckAfter()));
    yaml.rejectUnknownKeys();
    return delivery;
  }

  private static BreakerSettings circuitBreaker(YamlMapping yaml) {
    BreakerSettings defaults = BreakerSettings.ofDefaults();
    BreakerSettings breaker =
        new BreakerSettings(
            yaml.get("failure_threshold", Scalars.integerAtLeast(1), defaults.failureThreshold()),
            yaml.get("open_for", Scalars.positiveDuration(), defaults.openFor()));
    yaml.rejectUnknownKeys();
    return breaker;
  }

  private static PluginsConfig plugins(YamlMapping yaml) {
    PluginsConfig defaults = PluginsConfig.ofDefaults();
    PluginsConfig plugins =
        new PluginsConfig(
            yaml.get("directory", Scalars.path(), defaults.directory()),
            yaml.get("start_timeout", Scalars.positiveDuration(), defaults.startTimeout()),
            yaml.get("health_interval", Scalars.positiveDuration(), defaults.healthInterval()),
            restartBackoff(yaml.mapping("restart_backoff")),
            yaml.get("max_restarts", Scalars.integerAtLeast(0), defaults.maxRestarts()),
            yaml.get("shutdown_grace", Scalars.positiveDuration(), defaults.shutdownGrace()));
    yaml.rejectUnknownKeys();
    return plugins;
  }

  private static RestartBackoff restartBackoff(YamlMapping yaml) {
    RestartBackoff defaults = RestartBackoff.ofDefaults();
    Duration initial = yaml.get("initial", Scalars.positiveDuration(), defaults.initial());
    Duration max = yaml.get("max", Scalars.positiveDuration(), defaults.max());
    if (max.compareTo(initial) < 0) {
      yaml.problem(
          "max",
          DurationParser.format(max)
              + " (expected: >= initial, "
              + DurationParser.format(initial)
              + ")");
    }
    yaml.rejectUnknownKeys();
    return new RestartBackoff(initial, max);
  }

  private static RetryConfig retry(YamlMapping yaml) {
    RetryConfig defaults = RetryConfig.ofDefaults();
    Backoff backoff = defaults.backoff();
    if (yaml.has("schedule") && yaml.has("exponential")) {
      yaml.problem(null, "both schedule and exponential are set (expected: exactly one of them)");
    }
    if (yaml.has("schedule")) {
      backoff =
          yaml.list("schedule", Scalars.retryDelay()).<Backoff>map(Schedule::new).orElse(backoff);
    }
    YamlMapping exponential = yaml.mapping("exponential");
    if (yaml.has("exponential")) {
      backoff = exponential(exponential);
    }
    exponential.rejectUnknownKeys();
    double jitter = yaml.get("jitter", Scalars.decimalBetween(0.0, 1.0), defaults.jitter());
    yaml.rejectUnknownKeys();
    return new RetryConfig(backoff, jitter);
  }

  private static Exponential exponential(YamlMapping yaml) {
    Exponential defaults = DEFAULT_EXPONENTIAL;
    Duration initial = yaml.get("initial", Scalars.positiveDuration(), defaults.initial());
    double multiplier =
        yaml.get(
            "multiplier", Scalars.decimalBetween(1.0, Double.MAX_VALUE), defaults.multiplier());
    Duration max = yaml.get("max", Scalars.retryDelay(), defaults.max());
    int maxAttempts = yaml.get("max_attempts", Scalars.integerAtLeast(1), defaults.maxAttempts());
    if (max.compareTo(initial) < 0) {
      yaml.problem(
          "max",
          DurationParser.format(max)
              + " (expected: >= initial, "
              + DurationParser.format(initial)
              + ")");
    }
    return new Exponential(initial, multiplier, max, maxAttempts);
  }
}
