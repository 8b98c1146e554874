package dev.herald.core.webhook;

import static dev.herald.core.store.jooq.Tables.WEBHOOK_SUBSCRIPTIONS;

import dev.herald.core.envelope.EventTypePattern;
import dev.herald.core.rule.BodyTransform;
import dev.herald.core.rule.ContentPattern;
import dev.herald.core.store.jooq.tables.records.WebhookSubscriptionsRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;

/** The {@code webhook_subscriptions} table, for {@link JooqWebhookEndpointStore}. */
final class SubscriptionRows {

  private SubscriptionRows() {}

  /** Returns every endpoint's subscriptions, oldest first, by endpoint id. */
  static Map<String, List<WebhookSubscription>> byEndpoint(DSLContext ctx) {
    Map<String, List<WebhookSubscription>> subscriptions = new HashMap<>();
    ctx.selectFrom(WEBHOOK_SUBSCRIPTIONS)
        .orderBy(WEBHOOK_SUBSCRIPTIONS.ID)
        .forEach(
            s ->
                subscriptions
                    .computeIfAbsent(s.getEndpointId(), id -> new ArrayList<>())
                    .add(subscription(s)));
    return subscriptions;
  }

  /** Returns an endpoint's subscriptions, oldest first. */
  static List<StoredSubscription> of(DSLContext ctx, String endpointId) {
    return ctx.selectFrom(WEBHOOK_SUBSCRIPTIONS)
        .where(WEBHOOK_SUBSCRIPTIONS.ENDPOINT_ID.eq(endpointId))
        .orderBy(WEBHOOK_SUBSCRIPTIONS.ID)
        .fetch(SubscriptionRows::stored);
  }

  /** Replaces an endpoint's subscriptions with {@code endpoint}'s. */
  static void replace(DSLContext tx, WebhookEndpoint endpoint, long now) {
    deleteAll(tx, endpoint.id());
    insertAll(tx, endpoint, now);
  }

  /** Inserts {@code endpoint}'s subscriptions. */
  static void insertAll(DSLContext tx, WebhookEndpoint endpoint, long now) {
    for (WebhookSubscription subscription : endpoint.subscriptions()) {
      insert(tx, endpoint.id(), subscription, now);
    }
  }

  /** Inserts a subscription; empty when the endpoint already has the same one. */
  static Optional<StoredSubscription> insert(
      DSLContext tx, String endpointId, WebhookSubscription subscription, long now) {
    int inserted =
        tx.insertInto(WEBHOOK_SUBSCRIPTIONS)
            .set(WEBHOOK_SUBSCRIPTIONS.ENDPOINT_ID, endpointId)
            .set(WEBHOOK_SUBSCRIPTIONS.EVENT_TYPE_PATTERN, subscription.pattern().text())
            .set(WEBHOOK_SUBSCRIPTIONS.REALM_ID, subscription.realmId().orElse(null))
            .set(WEBHOOK_SUBSCRIPTIONS.CONTENT_PATTERN, contentPattern(subscription))
            .set(WEBHOOK_SUBSCRIPTIONS.TRANSFORM, transform(subscription))
            .set(WEBHOOK_SUBSCRIPTIONS.CREATED_AT, now)
            .onConflictDoNothing()
            .execute();
    if (inserted == 0) {
      return Optional.empty();
    }
    // Read back rather than RETURNING: on SQLite, jOOQ's RETURNING after a skipped insert still
    // returned a row, so a duplicate looked new.
    return tx.selectFrom(WEBHOOK_SUBSCRIPTIONS)
        .where(WEBHOOK_SUBSCRIPTIONS.ENDPOINT_ID.eq(endpointId))
        .and(WEBHOOK_SUBSCRIPTIONS.EVENT_TYPE_PATTERN.eq(subscription.pattern().text()))
        .and(WEBHOOK_SUBSCRIPTIONS.REALM_ID.isNotDistinctFrom(subscription.realmId().orElse(null)))
        .and(WEBHOOK_SUBSCRIPTIONS.CONTENT_PATTERN.isNotDistinctFrom(contentPattern(subscription)))
        .and(WEBHOOK_SUBSCRIPTIONS.TRANSFORM.isNotDistinctFrom(transform(subscription)))
        .fetchOptional()
        .map(SubscriptionRows::stored);
  }

  /** Sets a subscription's content pattern and transform; false when it has no such one. */
  static boolean setRules(
      DSLContext tx, String endpointId, long subscriptionId, WebhookSubscription rules) {
    return tx.update(WEBHOOK_SUBSCRIPTIONS)
            .set(WEBHOOK_SUBSCRIPTIONS.CONTENT_PATTERN, contentPattern(rules))
            .set(WEBHOOK_SUBSCRIPTIONS.TRANSFORM, transform(rules))
            .where(WEBHOOK_SUBSCRIPTIONS.ID.eq(subscriptionId))
            .and(WEBHOOK_SUBSCRIPTIONS.ENDPOINT_ID.eq(endpointId))
            .execute()
        > 0;
  }

  /** Deletes one subscription; false when the endpoint has no such one. */
  static boolean delete(DSLContext tx, String endpointId, long subscriptionId) {
    return tx.deleteFrom(WEBHOOK_SUBSCRIPTIONS)
            .where(WEBHOOK_SUBSCRIPTIONS.ID.eq(subscriptionId))
            .and(WEBHOOK_SUBSCRIPTIONS.ENDPOINT_ID.eq(endpointId))
            .execute()
        > 0;
  }

  /** Deletes every subscription of an endpoint. */
  static void deleteAll(DSLContext tx, String endpointId) {
    tx.deleteFrom(WEBHOOK_SUBSCRIPTIONS)
        .where(WEBHOOK_SUBSCRIPTIONS.ENDPOINT_ID.eq(endpointId))
        .execute();
  }

  private static WebhookSubscription subscription(WebhookSubscriptionsRecord s) {
    return new WebhookSubscription(
        EventTypePattern.parse(s.getEventTypePattern()),
        Optional.ofNullable(s.getRealmId()),
        Optional.ofNullable(s.getContentPattern()).map(ContentPattern::parse),
        Optional.ofNullable(s.getTransform()).map(BodyTransform::parse));
  }

  private static StoredSubscription stored(WebhookSubscriptionsRecord s) {
    return new StoredSubscription(
        s.getId(), s.getEndpointId(), subscription(s), Instant.ofEpochMilli(s.getCreatedAt()));
  }

  private static String contentPattern(WebhookSubscription subscription) {
    return subscription.contentPattern().map(ContentPattern::json).orElse(null);
  }

  private static String transform(WebhookSubscription subscription) {
    return subscription.transform().map(BodyTransform::expression).orElse(null);
  }
}
