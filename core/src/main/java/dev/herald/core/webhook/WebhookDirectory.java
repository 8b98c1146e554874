package dev.herald.core.webhook;

import static java.util.Objects.requireNonNull;

import dev.herald.core.dispatch.TargetRef;
import dev.herald.core.limit.Rate;
import dev.herald.core.logging.LogKeys;
import dev.herald.core.outbox.OutboxEvent;
import dev.herald.core.route.TargetDirectory;
import dev.herald.core.store.Database;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-memory snapshot of the webhook endpoints, read by the router on every event and by the HTTP
 * dispatcher on every attempt; refreshed from the store whenever an endpoint changes.
 */
public final class WebhookDirectory implements TargetDirectory {

  private static final Logger log = LoggerFactory.getLogger(WebhookDirectory.class);

  private final Database database;
  private final WebhookEndpointStore store;
  private final Clock clock;
  private volatile Map<String, WebhookEndpoint> endpoints = Map.of();

  /** Creates a directory and loads the current endpoints. */
  public WebhookDirectory(Database database, WebhookEndpointStore store, Clock clock) {
    this.database = requireNonNull(database, "database");
    this.store = requireNonNull(store, "store");
    this.clock = requireNonNull(clock, "clock");
    refresh();
  }

  /** Stores the endpoints declared in the configuration and reloads the snapshot. */
  public void syncConfigured(List<WebhookEndpoint> configured) {
    database.write(
        tx -> {
          store.syncConfigured(tx, configured, clock.instant());
          return null;
        });
    refresh();
  }

  /**
   * Reloads the snapshot from the store.
   *
   * @return whether anything changed since the last load (another node may have changed it)
   */
  public boolean refresh() {
    Map<String, WebhookEndpoint> loaded = new LinkedHashMap<>();
    for (WebhookEndpoint endpoint : database.read(store::all)) {
      loaded.put(endpoint.id(), endpoint);
    }
    Map<String, WebhookEndpoint> previous = endpoints;
    endpoints = Map.copyOf(loaded);
    return !previous.equals(endpoints);
  }

  /** Returns the endpoint with the given id, if it exists. */
  public Optional<WebhookEndpoint> find(String id) {
    return Optional.ofNullable(endpoints.get(id));
  }

  /** Returns every endpoint. */
  public List<WebhookEndpoint> all() {
    return List.copyOf(endpoints.values());
  }

  @Override
  public List<TargetRef> subscribers(OutboxEvent event) {
    String eventType = event.eventType();
    String realmId = event.realmId();
    List<TargetRef> targets = new ArrayList<>(2);
    for (WebhookEndpoint endpoint : endpoints.values()) {
      if (endpoint.status() == EndpointStatus.DISABLED) {
        continue;
      }
      boolean realmAllowed = endpoint.realmId().isEmpty() || endpoint.realmId().equals(realmId);
      if (realmAllowed
          && endpoint.subscriptions().stream().anyMatch(s -> s.matches(eventType, realmId))) {
        targets.add(endpoint.target());
      }
    }
    return targets;
  }

  @Override
  public Collection<TargetRef> targets() {
    return endpoints.values().stream().map(WebhookEndpoint::target).toList();
  }

  @Override
  public Set<TargetRef> held() {
    Set<TargetRef> held = new HashSet<>();
    for (WebhookEndpoint endpoint : endpoints.values()) {
      if (endpoint.status() != EndpointStatus.ACTIVE) {
        held.add(endpoint.target());
      }
    }
    return held;
  }

  @Override
  public int maxInFlight(TargetRef target) {
    WebhookEndpoint endpoint = endpoints.get(target.id());
    return endpoint == null ? 1 : endpoint.maxInFlight();
  }

  @Override
  public Optional<Rate> rateLimit(TargetRef target) {
    WebhookEndpoint endpoint = endpoints.get(target.id());
    return endpoint == null ? Optional.empty() : endpoint.rateLimit();
  }

  @Override
  public void targetGone(TargetRef target, String reason) {
    log.atWarn()
        .addKeyValue(LogKeys.TARGET, target.toString())
        .log("Webhook endpoint {} is gone ({}); disabling it", target.id(), reason);
    disable(target, JooqWebhookEndpointStore.GONE_REASON_PREFIX + reason);
  }

  @Override
  public void targetDisabled(TargetRef target, String reason) {
    disable(target, reason);
  }

  private void disable(TargetRef target, String reason) {
    database.write(
        tx -> {
          store.setStatus(tx, target.id(), EndpointStatus.DISABLED, reason, clock.instant());
          return null;
        });
    refresh();
  }
}
