package dev.herald.core.webhook;

import static dev.herald.core.store.jooq.Tables.WEBHOOK_ENDPOINTS;
import static dev.herald.core.store.jooq.Tables.WEBHOOK_SUBSCRIPTIONS;

import dev.herald.core.envelope.EventTypePattern;
import dev.herald.core.store.jooq.tables.records.WebhookEndpointsRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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

/** Stores webhook endpoints through jOOQ. */
public final class JooqWebhookEndpointStore implements WebhookEndpointStore {

  private static final Logger log = LoggerFactory.getLogger(JooqWebhookEndpointStore.class);

  /** The status_reason prefix of endpoints disabled because they answered 410 Gone. */
  public static final String GONE_REASON_PREFIX = "gone: ";

  private static final String REMOVED_FROM_CONFIG = "removed from the configuration";
  private static final String DISABLED_IN_CONFIG = "disabled in the configuration";

  @Override
  public List<WebhookEndpoint> all(DSLContext ctx) {
    Map<String, List<WebhookSubscription>> subscriptions = new HashMap<>();
    ctx.selectFrom(WEBHOOK_SUBSCRIPTIONS)
        .orderBy(WEBHOOK_SUBSCRIPTIONS.ID)
        .forEach(
            s ->
                subscriptions
                    .computeIfAbsent(s.getEndpointId(), id -> new ArrayList<>())
                    .add(
                        new WebhookSubscription(
                            EventTypePattern.parse(s.getEventTypePattern()),
                            Optional.ofNullable(s.getRealmId()))));
    return ctx.selectFrom(WEBHOOK_ENDPOINTS)
        .orderBy(WEBHOOK_ENDPOINTS.ID)
        .fetch(r -> toEndpoint(r, subscriptions.getOrDefault(r.getId(), List.of())));
  }

  private static WebhookEndpoint toEndpoint(
      WebhookEndpointsRecord r, List<WebhookSubscription> subscriptions) {
    return new WebhookEndpoint(
        r.getId(),
        r.getRealmId(),
        r.getUrl(),
        WebhookSecret.parse(r.getSecret()),
        EndpointStatus.fromDb(r.getStatus()),
        Duration.ofMillis(r.getTimeoutMillis()),
        Math.toIntExact(r.getMaxInFlight()),
        subscriptions,
        WebhookEndpoint.Source.valueOf(r.getSource().toUpperCase(Locale.ROOT)));
  }

  @Override
  public void syncConfigured(DSLContext tx, List<WebhookEndpoint> configured, Instant now) {
    Map<String, WebhookEndpointsRecord> stored = new HashMap<>();
    tx.selectFrom(WEBHOOK_ENDPOINTS).forEach(r -> stored.put(r.getId(), r));
    Set<String> configuredIds = new HashSet<>();
    for (WebhookEndpoint endpoint : configured) {
      configuredIds.add(endpoint.id());
      upsert(tx, endpoint, stored.get(endpoint.id()), now.toEpochMilli());
    }
    for (WebhookEndpointsRecord r : stored.values()) {
      boolean fromConfig = r.getSource().equals(sourceValue(WebhookEndpoint.Source.CONFIG));
      if (fromConfig && !configuredIds.contains(r.getId()) && !isDisabled(r)) {
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
    r.setSecret(endpoint.secret().encoded());
    r.setTimeoutMillis(endpoint.timeout().toMillis());
    r.setMaxInFlight((long) endpoint.maxInFlight());
    r.setSource(sourceValue(endpoint.source()));
    boolean gone = stored != null && isGone(stored);
    if (gone && endpoint.status() == EndpointStatus.ACTIVE) {
      log.warn(
          "Webhook endpoint {} stays disabled ({}); re-enable it once the receiver is back",
          endpoint.id(),
          stored.getStatusReason());
    } else {
      r.setStatus(endpoint.status().dbValue());
      r.setStatusReason(endpoint.status() == EndpointStatus.DISABLED ? DISABLED_IN_CONFIG : null);
    }
    r.setUpdatedAt(now);
    r.store();
    tx.deleteFrom(WEBHOOK_SUBSCRIPTIONS)
        .where(WEBHOOK_SUBSCRIPTIONS.ENDPOINT_ID.eq(endpoint.id()))
        .execute();
    for (WebhookSubscription subscription : endpoint.subscriptions()) {
      tx.insertInto(WEBHOOK_SUBSCRIPTIONS)
          .set(WEBHOOK_SUBSCRIPTIONS.ENDPOINT_ID, endpoint.id())
          .set(WEBHOOK_SUBSCRIPTIONS.EVENT_TYPE_PATTERN, subscription.pattern().text())
          .set(WEBHOOK_SUBSCRIPTIONS.REALM_ID, subscription.realmId().orElse(null))
          .set(WEBHOOK_SUBSCRIPTIONS.CREATED_AT, now)
          .onConflictDoNothing()
          .execute();
    }
  }

  private static boolean isDisabled(WebhookEndpointsRecord r) {
    return EndpointStatus.fromDb(r.getStatus()) == EndpointStatus.DISABLED;
  }

  private static boolean isGone(WebhookEndpointsRecord r) {
    return isDisabled(r)
        && r.getStatusReason() != null
        && r.getStatusReason().startsWith(GONE_REASON_PREFIX);
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
}
