package dev.herald.core.admin;

import static java.util.Objects.requireNonNull;

import dev.herald.core.envelope.EventTypePattern;
import dev.herald.core.envelope.FieldViolation;
import dev.herald.core.rule.BodyTransform;
import dev.herald.core.rule.ContentPattern;
import dev.herald.core.store.Database;
import dev.herald.core.webhook.StoredSubscription;
import dev.herald.core.webhook.WebhookDirectory;
import dev.herald.core.webhook.WebhookEndpoint;
import dev.herald.core.webhook.WebhookEndpointStore;
import dev.herald.core.webhook.WebhookSubscription;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Operator commands on the subscriptions of API-created webhook endpoints: add one, change its
 * content rules, remove one. Every change is written, then the directory the router reads is
 * refreshed.
 */
public final class WebhookSubscriptions {

  private final WebhookEndpoints endpoints;
  private final Database database;
  private final WebhookEndpointStore store;
  private final WebhookDirectory directory;
  private final WebhookRules rules;
  private final Clock clock;

  /** Creates the commands on the subscriptions of the endpoints {@code endpoints} manages. */
  public WebhookSubscriptions(
      WebhookEndpoints endpoints,
      Database database,
      WebhookEndpointStore store,
      WebhookDirectory directory,
      WebhookRules rules,
      Clock clock) {
    this.endpoints = requireNonNull(endpoints, "endpoints");
    this.database = requireNonNull(database, "database");
    this.store = requireNonNull(store, "store");
    this.directory = requireNonNull(directory, "directory");
    this.rules = requireNonNull(rules, "rules");
    this.clock = requireNonNull(clock, "clock");
  }

  /**
   * Adds a subscription to an API-created endpoint.
   *
   * @param contentPattern its content pattern as JSON; blank for none
   * @param transform its transformation (JMESPath); blank for none
   */
  public StoredSubscription add(
      String id,
      String pattern,
      Optional<String> realmId,
      String contentPattern,
      String transform) {
    WebhookEndpoint endpoint = endpoints.apiCreated(id, "subscribed");
    List<FieldViolation> found = new ArrayList<>();
    EventTypePattern parsed = WebhookRules.pattern("event_type_pattern", pattern, found);
    Optional<ContentPattern> parsedPattern =
        WebhookRules.contentPattern("content_pattern", contentPattern, found);
    Optional<BodyTransform> parsedTransform = WebhookRules.transform("transform", transform, found);
    realmId.ifPresent(
        realm -> {
          rules.realm("realm_id", realm, found);
          if (!endpoint.realmId().isEmpty() && !endpoint.realmId().equals(realm)) {
            found.add(
                new FieldViolation(
                    "realm_id",
                    "'"
                        + realm
                        + "' (expected: the endpoint's realm '"
                        + endpoint.realmId()
                        + "')"));
          }
        });
    WebhookEndpoints.throwIfAny(found);
    WebhookSubscription subscription =
        new WebhookSubscription(parsed, realmId, parsedPattern, parsedTransform);
    Optional<StoredSubscription> stored =
        database.write(tx -> store.addSubscription(tx, id, subscription, clock.instant()));
    directory.refresh();
    return stored.orElseThrow(
        () ->
            AdminException.alreadyExists(
                "subscription '" + pattern + "' with the same rules, of webhook '" + id + "'"));
  }

  /**
   * Changes the content rules of a subscription of an API-created endpoint; its type and realm
   * stay.
   *
   * @param contentPattern a new content pattern as JSON, blank to remove it; empty to keep it
   * @param transform a new transformation, blank to remove it; empty to keep it
   */
  public StoredSubscription changeRules(
      String id, long subscriptionId, Optional<String> contentPattern, Optional<String> transform) {
    endpoints.apiCreated(id, "changed");
    List<FieldViolation> found = new ArrayList<>();
    Optional<Optional<ContentPattern>> pattern =
        contentPattern.map(text -> WebhookRules.contentPattern("content_pattern", text, found));
    Optional<Optional<BodyTransform>> reshaping =
        transform.map(text -> WebhookRules.transform("transform", text, found));
    WebhookEndpoints.throwIfAny(found);
    List<StoredSubscription> all = endpoints.subscriptions(id);
    WebhookSubscription current =
        all.stream()
            .filter(s -> s.id() == subscriptionId)
            .findFirst()
            .orElseThrow(
                () ->
                    AdminException.notFound(
                        "subscription " + subscriptionId + " of webhook '" + id + "'"))
            .subscription();
    WebhookSubscription changed =
        new WebhookSubscription(
            current.pattern(),
            current.realmId(),
            pattern.orElse(current.contentPattern()),
            reshaping.orElse(current.transform()));
    if (all.stream().anyMatch(s -> s.id() != subscriptionId && s.subscription().equals(changed))) {
      throw AdminException.alreadyExists(
          "subscription '" + current.pattern() + "' with the same rules, of webhook '" + id + "'");
    }
    database.write(tx -> store.setRules(tx, id, subscriptionId, changed));
    directory.refresh();
    return endpoints.subscriptions(id).stream()
        .filter(s -> s.id() == subscriptionId)
        .findFirst()
        .orElseThrow();
  }

  /** Removes a subscription from an API-created endpoint. */
  public void remove(String id, long subscriptionId) {
    endpoints.apiCreated(id, "unsubscribed");
    boolean removed = database.write(tx -> store.removeSubscription(tx, id, subscriptionId));
    if (!removed) {
      throw AdminException.notFound("subscription " + subscriptionId + " of webhook '" + id + "'");
    }
    directory.refresh();
  }
}
