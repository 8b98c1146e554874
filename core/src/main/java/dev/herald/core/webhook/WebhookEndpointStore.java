package dev.herald.core.webhook;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;

/** The {@code webhook_endpoints} and {@code webhook_subscriptions} tables. */
public interface WebhookEndpointStore {

  /** Returns every endpoint with its subscriptions. */
  List<WebhookEndpoint> all(DSLContext ctx);

  /**
   * Makes the stored configuration-declared endpoints match {@code configured}: new ones are
   * inserted, changed ones updated, and ones no longer configured disabled. An endpoint disabled
   * because it answered 410 Gone or did nothing but fail for too long stays disabled, one an
   * operator paused stays paused, and an id taken by an endpoint created over the API is left to
   * that endpoint.
   */
  void syncConfigured(DSLContext tx, List<WebhookEndpoint> configured, Instant now);

  /** Sets an endpoint's status and the reason for it. */
  void setStatus(DSLContext tx, String id, EndpointStatus status, String reason, Instant now);

  /** Inserts a new endpoint with its subscriptions; returns false when the id is taken. */
  boolean insert(DSLContext tx, WebhookEndpoint endpoint, Instant now);

  /**
   * Stores an endpoint's changed settings (URL, timeout, concurrency, rate limit, ordering); its
   * status, secrets and subscriptions are changed by their own methods.
   */
  void update(DSLContext tx, WebhookEndpoint changed, Instant now);

  /** Replaces all of an endpoint's static headers; an empty map removes them. */
  void setHeaders(DSLContext tx, String id, Map<String, String> headers, Instant now);

  /** Deletes an endpoint and its subscriptions; returns false when there was none. */
  boolean delete(DSLContext tx, String id);

  /** Replaces an endpoint's secret, keeping the previous one signing when given. */
  void rotateSecret(
      DSLContext tx,
      String id,
      WebhookSecret secret,
      Optional<PreviousSecret> previous,
      Instant now);

  /**
   * Seals under the active key every stored secret that is not yet under it, including those stored
   * in clear before secrets were encrypted; returns how many endpoints changed.
   */
  int resealSecrets(DSLContext tx);

  /** Returns an endpoint's subscriptions, oldest first. */
  List<StoredSubscription> subscriptions(DSLContext ctx, String endpointId);

  /** Adds a subscription; empty when the endpoint already has the same one. */
  Optional<StoredSubscription> addSubscription(
      DSLContext tx, String endpointId, WebhookSubscription subscription, Instant now);

  /**
   * Sets the content pattern and transformation of one subscription of an endpoint to those of
   * {@code rules}; returns false when it has no such subscription.
   */
  boolean setRules(
      DSLContext tx, String endpointId, long subscriptionId, WebhookSubscription rules);

  /** Removes one subscription of an endpoint; returns false when it has no such subscription. */
  boolean removeSubscription(DSLContext tx, String endpointId, long subscriptionId);
}
