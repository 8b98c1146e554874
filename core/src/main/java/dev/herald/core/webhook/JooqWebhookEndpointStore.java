package dev.herald.core.webhook;

import static dev.herald.core.store.jooq.Tables.WEBHOOK_ENDPOINTS;
import static java.util.Objects.requireNonNull;

import dev.herald.core.limit.Rate;
import dev.herald.core.route.DeadHeadPolicy;
import dev.herald.core.route.OrderKey;
import dev.herald.core.route.Ordering;
import dev.herald.core.route.TargetHealth;
import dev.herald.core.secret.SecretSealer;
import dev.herald.core.store.Dialect;
import dev.herald.core.store.jooq.tables.records.WebhookEndpointsRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores webhook endpoints through jOOQ (their subscriptions through {@link SubscriptionRows});
 * secrets are sealed on the way in and opened on the way out, each bound to its row and column, so
 * the table never holds one in clear.
 */
public final class JooqWebhookEndpointStore implements WebhookEndpointStore {

  private static final Logger log = LoggerFactory.getLogger(JooqWebhookEndpointStore.class);

  /** The status_reason prefix of endpoints disabled because they answered 410 Gone. */
  public static final String GONE_REASON_PREFIX = "gone: ";

  private static final String REMOVED_FROM_CONFIG = "removed from the configuration";
  private static final String DISABLED_IN_CONFIG = "disabled in the configuration";

  private final Dialect dialect;
  private final SecretSealer secrets;

  /**
   * Creates the store for a database of the given dialect, sealing secrets with {@code secrets}.
   */
  public JooqWebhookEndpointStore(Dialect dialect, SecretSealer secrets) {
    this.dialect = requireNonNull(dialect, "dialect");
    this.secrets = requireNonNull(secrets, "secrets");
  }

  @Override
  public List<WebhookEndpoint> all(DSLContext ctx) {
    Map<String, List<WebhookSubscription>> subscriptions = SubscriptionRows.byEndpoint(ctx);
    return ctx.selectFrom(WEBHOOK_ENDPOINTS)
        .orderBy(WEBHOOK_ENDPOINTS.ID)
        .fetch(r -> toEndpoint(ctx, r, subscriptions.getOrDefault(r.getId(), List.of())));
  }

  private WebhookEndpoint toEndpoint(
      DSLContext ctx, WebhookEndpointsRecord r, List<WebhookSubscription> subscriptions) {
    return new WebhookEndpoint(
        r.getId(),
        r.getRealmId(),
        r.getUrl(),
        WebhookSecret.parse(secrets.open(ctx, r.getSecret(), secretContext(r.getId()))),
        EndpointStatus.fromDb(r.getStatus()),
        Duration.ofMillis(r.getTimeoutMillis()),
        Math.toIntExact(r.getMaxInFlight()),
        subscriptions,
        WebhookEndpoint.Source.valueOf(r.getSource().toUpperCase(Locale.ROOT)),
        previousSecret(ctx, r),
        Optional.ofNullable(r.getStatusReason()),
        Optional.ofNullable(r.getRateLimit()).map(Rate::parse),
        HeadersJson.read(r.getHeaders()),
        ordering(r),
        WebhookBodyFormat.parse(r.getBodyFormat()));
  }

  private static Optional<Ordering> ordering(WebhookEndpointsRecord r) {
    return Optional.ofNullable(r.getOrderingKey())
        .map(key -> new Ordering(OrderKey.parse(key), DeadHeadPolicy.parse(r.getOrderingOnDead())));
  }

  private Optional<PreviousSecret> previousSecret(DSLContext ctx, WebhookEndpointsRecord r) {
    if (r.getPreviousSecret() == null || r.getPreviousSecretExpiresAt() == null) {
      return Optional.empty();
    }
    return Optional.of(
        new PreviousSecret(
            WebhookSecret.parse(
                secrets.open(ctx, r.getPreviousSecret(), previousSecretContext(r.getId()))),
            Instant.ofEpochMilli(r.getPreviousSecretExpiresAt())));
  }

  @Override
  public void syncConfigured(DSLContext tx, List<WebhookEndpoint> configured, Instant now) {
    // Nodes starting together take turns; each then reads what the one before it stored.
    dialect.lock(tx, "herald.webhooks.sync");
    Map<String, WebhookEndpointsRecord> stored = new HashMap<>();
    tx.selectFrom(WEBHOOK_ENDPOINTS).forEach(r -> stored.put(r.getId(), r));
    Set<String> configuredIds = new HashSet<>();
    for (WebhookEndpoint endpoint : configured) {
      configuredIds.add(endpoint.id());
      WebhookEndpointsRecord existing = stored.get(endpoint.id());
      if (existing != null && !isFromConfig(existing)) {
        log.warn(
            "Webhook endpoint {} in the configuration is ignored: an endpoint created over the"
                + " API has that id",
            endpoint.id());
        continue;
      }
      upsert(tx, endpoint, existing, now.toEpochMilli());
    }
    for (WebhookEndpointsRecord r : stored.values()) {
      if (isFromConfig(r) && !configuredIds.contains(r.getId()) && !isDisabled(r)) {
        setStatus(tx, r.getId(), EndpointStatus.DISABLED, REMOVED_FROM_CONFIG, now);
      }
    }
  }

  private void upsert(
      DSLContext tx, WebhookEndpoint endpoint, WebhookEndpointsRecord stored, long now) {
    WebhookEndpointsRecord r = stored != null ? stored : tx.newRecord(WEBHOOK_ENDPOINTS);
    if (stored == null) {
      r.setId(endpoint.id());
      r.setCreatedAt(now);
    }
    r.setRealmId(endpoint.realmId());
    r.setUrl(endpoint.url());
    r.setSecret(secrets.seal(tx, endpoint.secret().encoded(), secretContext(endpoint.id())));
    r.setTimeoutMillis(endpoint.timeout().toMillis());
    r.setMaxInFlight((long) endpoint.maxInFlight());
    r.setRateLimit(rateLimitValue(endpoint));
    r.setOrderingKey(orderingKey(endpoint));
    r.setOrderingOnDead(orderingOnDead(endpoint));
    r.setSource(sourceValue(endpoint.source()));
    r.setHeaders(HeadersJson.write(endpoint.headers()));
    r.setBodyFormat(endpoint.bodyFormat().text());
    boolean heraldDisabled = stored != null && disabledByHerald(stored);
    // An operator's pause always carries a reason; the file has no say over it.
    boolean paused =
        stored != null
            && EndpointStatus.fromDb(stored.getStatus()) == EndpointStatus.PAUSED
            && stored.getStatusReason() != null;
    if (heraldDisabled && endpoint.status() == EndpointStatus.ACTIVE) {
      log.warn(
          "Webhook endpoint {} stays disabled ({}); resume it once the receiver is back",
          endpoint.id(),
          stored.getStatusReason());
    } else if (paused && endpoint.status() == EndpointStatus.ACTIVE) {
      log.info("Webhook endpoint {} stays paused by an operator", endpoint.id());
    } else {
      r.setStatus(endpoint.status().dbValue());
      r.setStatusReason(endpoint.status() == EndpointStatus.DISABLED ? DISABLED_IN_CONFIG : null);
    }
    r.setUpdatedAt(now);
    r.store();
    SubscriptionRows.replace(tx, endpoint, now);
  }

  private static boolean isFromConfig(WebhookEndpointsRecord r) {
    return r.getSource().equals(sourceValue(WebhookEndpoint.Source.CONFIG));
  }

  private static boolean isDisabled(WebhookEndpointsRecord r) {
    return EndpointStatus.fromDb(r.getStatus()) == EndpointStatus.DISABLED;
  }

  /** Returns whether Herald disabled it: it answered 410 Gone, or it did nothing but fail. */
  private static boolean disabledByHerald(WebhookEndpointsRecord r) {
    return isDisabled(r) && disabledByHerald(r.getStatusReason());
  }

  /** Returns whether a status reason says Herald disabled the endpoint, not a person or a file. */
  public static boolean disabledByHerald(String statusReason) {
    return statusReason != null
        && (statusReason.startsWith(GONE_REASON_PREFIX)
            || statusReason.startsWith(TargetHealth.AUTO_DISABLED_REASON_PREFIX));
  }

  private static String sourceValue(WebhookEndpoint.Source source) {
    return source.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public void setStatus(
      DSLContext tx, String id, EndpointStatus status, String reason, Instant now) {
    tx.update(WEBHOOK_ENDPOINTS)
        .set(WEBHOOK_ENDPOINTS.STATUS, status.dbValue())
        .set(WEBHOOK_ENDPOINTS.STATUS_REASON, reason)
        .set(WEBHOOK_ENDPOINTS.UPDATED_AT, now.toEpochMilli())
        .where(WEBHOOK_ENDPOINTS.ID.eq(id))
        .execute();
  }

  @Override
  public boolean insert(DSLContext tx, WebhookEndpoint endpoint, Instant now) {
    long millis = now.toEpochMilli();
    int inserted =
        tx.insertInto(WEBHOOK_ENDPOINTS)
            .set(WEBHOOK_ENDPOINTS.ID, endpoint.id())
            .set(WEBHOOK_ENDPOINTS.REALM_ID, endpoint.realmId())
            .set(WEBHOOK_ENDPOINTS.URL, endpoint.url())
            .set(
                WEBHOOK_ENDPOINTS.SECRET,
                secrets.seal(tx, endpoint.secret().encoded(), secretContext(endpoint.id())))
            .set(WEBHOOK_ENDPOINTS.STATUS, endpoint.status().dbValue())
            .set(WEBHOOK_ENDPOINTS.TIMEOUT_MILLIS, endpoint.timeout().toMillis())
            .set(WEBHOOK_ENDPOINTS.MAX_IN_FLIGHT, (long) endpoint.maxInFlight())
            .set(WEBHOOK_ENDPOINTS.RATE_LIMIT, rateLimitValue(endpoint))
            .set(WEBHOOK_ENDPOINTS.ORDERING_KEY, orderingKey(endpoint))
            .set(WEBHOOK_ENDPOINTS.ORDERING_ON_DEAD, orderingOnDead(endpoint))
            .set(WEBHOOK_ENDPOINTS.SOURCE, sourceValue(endpoint.source()))
            .set(WEBHOOK_ENDPOINTS.HEADERS, HeadersJson.write(endpoint.headers()))
            .set(WEBHOOK_ENDPOINTS.BODY_FORMAT, endpoint.bodyFormat().text())
            .set(WEBHOOK_ENDPOINTS.CREATED_AT, millis)
            .set(WEBHOOK_ENDPOINTS.UPDATED_AT, millis)
            .onConflictDoNothing()
            .execute();
    if (inserted == 0) {
      return false;
    }
    SubscriptionRows.insertAll(tx, endpoint, millis);
    return true;
  }

  @Override
  public void update(DSLContext tx, WebhookEndpoint changed, Instant now) {
    tx.update(WEBHOOK_ENDPOINTS)
        .set(WEBHOOK_ENDPOINTS.URL, changed.url())
        .set(WEBHOOK_ENDPOINTS.TIMEOUT_MILLIS, changed.timeout().toMillis())
        .set(WEBHOOK_ENDPOINTS.MAX_IN_FLIGHT, (long) changed.maxInFlight())
        .set(WEBHOOK_ENDPOINTS.RATE_LIMIT, rateLimitValue(changed))
        .set(WEBHOOK_ENDPOINTS.ORDERING_KEY, orderingKey(changed))
        .set(WEBHOOK_ENDPOINTS.ORDERING_ON_DEAD, orderingOnDead(changed))
        .set(WEBHOOK_ENDPOINTS.BODY_FORMAT, changed.bodyFormat().text())
        .set(WEBHOOK_ENDPOINTS.UPDATED_AT, now.toEpochMilli())
        .where(WEBHOOK_ENDPOINTS.ID.eq(changed.id()))
        .execute();
  }

  private static String rateLimitValue(WebhookEndpoint endpoint) {
    return endpoint.rateLimit().map(Rate::toString).orElse(null);
  }

  // NULL when unordered; the column's default policy then stays, unread.
  private static String orderingKey(WebhookEndpoint endpoint) {
    return endpoint.ordering().map(ordering -> ordering.key().spec()).orElse(null);
  }

  private static String orderingOnDead(WebhookEndpoint endpoint) {
    return endpoint.ordering().orElse(Ordering.bySubject()).onDead().text();
  }

  @Override
  public void setHeaders(DSLContext tx, String id, Map<String, String> headers, Instant now) {
    tx.update(WEBHOOK_ENDPOINTS)
        .set(WEBHOOK_ENDPOINTS.HEADERS, HeadersJson.write(headers))
        .set(WEBHOOK_ENDPOINTS.UPDATED_AT, now.toEpochMilli())
        .where(WEBHOOK_ENDPOINTS.ID.eq(id))
        .execute();
  }

  @Override
  public boolean delete(DSLContext tx, String id) {
    SubscriptionRows.deleteAll(tx, id);
    return tx.deleteFrom(WEBHOOK_ENDPOINTS).where(WEBHOOK_ENDPOINTS.ID.eq(id)).execute() > 0;
  }

  @Override
  public void rotateSecret(
      DSLContext tx,
      String id,
      WebhookSecret secret,
      Optional<PreviousSecret> previous,
      Instant now) {
    tx.update(WEBHOOK_ENDPOINTS)
        .set(WEBHOOK_ENDPOINTS.SECRET, secrets.seal(tx, secret.encoded(), secretContext(id)))
        .set(
            WEBHOOK_ENDPOINTS.PREVIOUS_SECRET,
            previous
                .map(p -> secrets.seal(tx, p.secret().encoded(), previousSecretContext(id)))
                .orElse(null))
        .set(
            WEBHOOK_ENDPOINTS.PREVIOUS_SECRET_EXPIRES_AT,
            previous.map(p -> p.expiresAt().toEpochMilli()).orElse(null))
        .set(WEBHOOK_ENDPOINTS.UPDATED_AT, now.toEpochMilli())
        .where(WEBHOOK_ENDPOINTS.ID.eq(id))
        .execute();
  }

  @Override
  public int resealSecrets(DSLContext tx) {
    int resealed = 0;
    for (WebhookEndpointsRecord r : tx.selectFrom(WEBHOOK_ENDPOINTS).fetch()) {
      String id = r.getId();
      boolean previousCurrent =
          r.getPreviousSecret() == null || secrets.isCurrent(tx, r.getPreviousSecret());
      if (secrets.isCurrent(tx, r.getSecret()) && previousCurrent) {
        continue;
      }
      tx.update(WEBHOOK_ENDPOINTS)
          .set(WEBHOOK_ENDPOINTS.SECRET, reseal(tx, r.getSecret(), secretContext(id)))
          .set(
              WEBHOOK_ENDPOINTS.PREVIOUS_SECRET,
              r.getPreviousSecret() == null
                  ? null
                  : reseal(tx, r.getPreviousSecret(), previousSecretContext(id)))
          .where(WEBHOOK_ENDPOINTS.ID.eq(id))
          .execute();
      resealed++;
    }
    return resealed;
  }

  private String reseal(DSLContext tx, String stored, String context) {
    return secrets.seal(tx, secrets.open(tx, stored, context), context);
  }

  // What a sealed secret is bound to: its column and its endpoint.
  private static String secretContext(String endpointId) {
    return "webhook_endpoints.secret:" + endpointId;
  }

  private static String previousSecretContext(String endpointId) {
    return "webhook_endpoints.previous_secret:" + endpointId;
  }

  @Override
  public List<StoredSubscription> subscriptions(DSLContext ctx, String endpointId) {
    return SubscriptionRows.of(ctx, endpointId);
  }

  @Override
  public Optional<StoredSubscription> addSubscription(
      DSLContext tx, String endpointId, WebhookSubscription subscription, Instant now) {
    return SubscriptionRows.insert(tx, endpointId, subscription, now.toEpochMilli());
  }

  @Override
  public boolean setRules(
      DSLContext tx, String endpointId, long subscriptionId, WebhookSubscription rules) {
    return SubscriptionRows.setRules(tx, endpointId, subscriptionId, rules);
  }

  @Override
  public boolean removeSubscription(DSLContext tx, String endpointId, long subscriptionId) {
    return SubscriptionRows.delete(tx, endpointId, subscriptionId);
  }
}
