package dev.herald.core.webhook;

import static java.util.Objects.requireNonNull;

import dev.herald.core.outbox.OutboxEvent;
import dev.herald.core.route.Subscription;
import dev.herald.core.rule.BodyTransform;
import dev.herald.core.rule.ContentPattern;
import java.util.Optional;

/**
 * A webhook subscription as the router applies it: within its endpoint's realm, when the endpoint
 * has one.
 *
 * @param endpointRealmId the endpoint's realm; empty when it takes every realm
 * @param subscription the endpoint's subscription as stored
 */
public record EndpointSubscription(String endpointRealmId, WebhookSubscription subscription)
    implements Subscription {

  public EndpointSubscription {
    requireNonNull(endpointRealmId, "endpointRealmId");
    requireNonNull(subscription, "subscription");
  }

  @Override
  public boolean selects(OutboxEvent event) {
    return (endpointRealmId.isEmpty() || endpointRealmId.equals(event.realmId()))
        && subscription.matches(event.eventType(), event.realmId());
  }

  @Override
  public Optional<ContentPattern> contentPattern() {
    return subscription.contentPattern();
  }

  @Override
  public Optional<BodyTransform> transform() {
    return subscription.transform();
  }
}
