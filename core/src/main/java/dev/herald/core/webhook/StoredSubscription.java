package dev.herald.core.webhook;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** A subscription as stored: its id, the endpoint it belongs to and when it was added. */
public record StoredSubscription(
    long id, String endpointId, WebhookSubscription subscription, Instant createdAt) {

  public StoredSubscription {
    requireNonNull(endpointId, "endpointId");
    requireNonNull(subscription, "subscription");
    requireNonNull(createdAt, "createdAt");
  }
}
