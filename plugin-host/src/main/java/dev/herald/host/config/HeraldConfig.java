package dev.herald.host.config;

import static java.util.Objects.requireNonNull;

import dev.herald.core.inbound.InboundSource;
import java.util.List;

/**
 * The whole server configuration, as read from {@code herald.yaml}.
 *
 * @param database the SQLite file or the PostgreSQL server
 * @param events defaults for events published by the CLI
 * @param bus the in-process broadcast bus
 * @param delivery the router and its retry policy
 * @param plugins where plugin manifests live and how plugins are supervised
 * @param webhooks endpoints declared in the file
 * @param api the admin and ingest API server
 * @param ingest limits on the ingest API
 * @param secrets where the master key of webhook secrets at rest comes from
 * @param network which internal addresses webhooks may reach
 * @param retention how long old rows are kept
 * @param logging the format and level of Herald's log lines
 * @param sources inbound webhook sources declared in the file
 */
public record HeraldConfig(
    DatabaseConfig database,
    EventsConfig events,
    BusConfig bus,
    DeliveryConfig delivery,
    PluginsConfig plugins,
    List<WebhookConfig> webhooks,
    ApiConfig api,
    IngestConfig ingest,
    SecretsConfig secrets,
    NetworkConfig network,
    RetentionConfig retention,
    LoggingConfig logging,
    List<InboundSource> sources) {

  public HeraldConfig {
    requireNonNull(database, "database");
    requireNonNull(events, "events");
    requireNonNull(bus, "bus");
    requireNonNull(delivery, "delivery");
    requireNonNull(plugins, "plugins");
    webhooks = List.copyOf(webhooks);
    requireNonNull(api, "api");
    requireNonNull(ingest, "ingest");
    requireNonNull(secrets, "secrets");
    requireNonNull(network, "network");
    requireNonNull(retention, "retention");
    requireNonNull(logging, "logging");
    sources = List.copyOf(sources);
  }

  /** Returns the configuration used when there is no config file: every default, no webhooks. */
  public static HeraldConfig ofDefaults() {
    return new HeraldConfig(
        DatabaseConfig.ofDefaults(),
        EventsConfig.ofDefaults(),
        BusConfig.ofDefaults(),
        DeliveryConfig.ofDefaults(),
        PluginsConfig.ofDefaults(),
        List.of(),
        ApiConfig.ofDefaults(),
        IngestConfig.ofDefaults(),
        SecretsConfig.ofDefaults(),
        NetworkConfig.ofDefaults(),
        RetentionConfig.ofDefaults(),
        LoggingConfig.ofDefaults(),
        List.of());
  }

  /** Returns a copy with another API configuration. */
  public HeraldConfig withApi(ApiConfig newApi) {
    return new HeraldConfig(
        database, events, bus, delivery, plugins, webhooks, newApi, ingest, secrets, network,
        retention, logging, sources);
  }
}
