package dev.herald.core.webhook;

import static java.util.Objects.requireNonNull;

import dev.herald.core.dispatch.TargetRef;
import dev.herald.core.limit.Rate;
import dev.herald.core.logging.LogKeys;
import dev.herald.core.route.Ordering;
import dev.herald.core.route.RoutedEvent;
import dev.herald.core.route.Subscription;
import dev.herald.core.route.SubscriptionIndex;
import dev.herald.core.route.TargetDirectory;
import dev.herald.core.rule.EventDocuments;
import dev.herald.core.store.Database;
import dev.herald.proto.event.v1.EventEnvelope;
import java.time.Clock;
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
  private final EventDocuments documents;
  private volatile Map<String, WebhookEndpoint> endpoints = Map.of();
  private volatile SubscriptionIndex index;
  // Whether some routable endpoint is ordered: the router then needs every event's envelope.
  private volatile boolean anyOrdered;

  /**
   * Creates a directory and loads the current endpoints.
   *
   * @param documents how events are rendered for content patterns and transformations
   */
  public WebhookDirectory(
      Database database, WebhookEndpointStore store, Clock clock, EventDocuments documents) {
    this.database = requireNonNull(database, "database");
    this.store = requireNonNull(store, "store");
    this.clock = requireNonNull(clock, "clock");
    this.documents = requireNonNull(documents, "documents");
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
   * <p>One reload at a time: a periodic reload that read before an endpoint was written must not
   * replace, when it finishes last, the snapshot of the reload that follows the write.
   *
   * @return whether anything changed since the last load (another node may have changed it)
   */
  public synchronized boolean refresh() {
    Map<String, WebhookEndpoint> loaded = new LinkedHashMap<>();
    for (WebhookEndpoint endpoint : database.read(store::all)) {
      loaded.put(endpoint.id(), endpoint);
    }
    Map<String, WebhookEndpoint> previous = endpoints;
    Map<TargetRef, List<Subscription>> routable = new LinkedHashMap<>();
    for (WebhookEndpoint endpoint : loaded.values()) {
      if (endpoint.status() != EndpointStatus.DISABLED) {
        routable.put(
            endpoint.target(),
            endpoint.subscriptions().stream()
                .<Subscription>map(s -> new EndpointSubscription(endpoint.realmId(), s))
                .toList());
      }
    }
    // The index first: the router must not see an endpoint without its subscriptions.
    index = SubscriptionIndex.of(routable, documents);
    anyOrdered =
        routable.keySet().stream()
            .anyMatch(target -> loaded.get(target.id()).ordering().isPresent());
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
  public List<TargetRef> subscribers(RoutedEvent event) {
    return index.subscribers(event);
  }

  @Override
  public Optional<EventDocuments> contentDocuments() {
    return anyOrdered ? Optional.of(documents) : index.contentDocuments();
  }

  /** Returns what the endpoint receives of the event: the subscription selecting it first. */
  public SubscriptionIndex.Selection select(String endpointId, EventEnvelope envelope) {
    return index.select(TargetRef.webhook(endpointId), envelope);
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
  public Optional<Ordering> ordering(TargetRef target) {
    WebhookEndpoint endpoint = endpoints.get(target.id());
    return endpoint == null ? Optional.empty() : endpoint.ordering();
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
