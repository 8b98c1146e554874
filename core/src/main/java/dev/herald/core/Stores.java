package dev.herald.core;

import static java.util.Objects.requireNonNull;

import dev.herald.core.admin.JooqPluginControlStore;
import dev.herald.core.admin.PluginControlStore;
import dev.herald.core.emit.AggregateSequences;
import dev.herald.core.inbound.InboundSourceStore;
import dev.herald.core.inbound.JooqInboundSourceStore;
import dev.herald.core.outbox.JooqOutboxStore;
import dev.herald.core.outbox.OutboxStore;
import dev.herald.core.route.DeliveryStore;
import dev.herald.core.route.JooqDeliveryStore;
import dev.herald.core.route.JooqTargetHealthStore;
import dev.herald.core.route.TargetHealthStore;
import dev.herald.core.secret.SecretSealer;
import dev.herald.core.store.Database;
import dev.herald.core.webhook.JooqWebhookEndpointStore;
import dev.herald.core.webhook.WebhookEndpointStore;

/**
 * The owners of Herald's tables, one per table group: whatever writes a table goes through its
 * store. Made once per database and handed to the engine, the admin commands and the tools.
 */
public record Stores(
    OutboxStore outbox,
    DeliveryStore deliveries,
    WebhookEndpointStore webhooks,
    PluginControlStore pluginControls,
    AggregateSequences sequences,
    TargetHealthStore targetHealth,
    InboundSourceStore inboundSources) {

  public Stores {
    requireNonNull(outbox, "outbox");
    requireNonNull(deliveries, "deliveries");
    requireNonNull(webhooks, "webhooks");
    requireNonNull(pluginControls, "pluginControls");
    requireNonNull(sequences, "sequences");
    requireNonNull(targetHealth, "targetHealth");
    requireNonNull(inboundSources, "inboundSources");
  }

  /**
   * Returns the jOOQ stores, rendered for the database's dialect, for tools that never touch
   * webhook secrets: its webhook store refuses to read or write them.
   */
  public static Stores of(Database database) {
    return of(database, SecretSealer.refusing());
  }

  /** Returns the jOOQ stores, rendered for the database's dialect, sealing webhook secrets. */
  public static Stores of(Database database, SecretSealer secrets) {
    return new Stores(
        new JooqOutboxStore(database.dialect()),
        new JooqDeliveryStore(database.dialect()),
        new JooqWebhookEndpointStore(database.dialect(), secrets),
        new JooqPluginControlStore(),
        new AggregateSequences(),
        new JooqTargetHealthStore(),
        new JooqInboundSourceStore(database.dialect(), secrets));
  }
}
