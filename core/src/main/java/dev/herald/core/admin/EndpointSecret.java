package dev.herald.core.admin;

import static java.util.Objects.requireNonNull;

import dev.herald.core.webhook.WebhookEndpoint;
import dev.herald.core.webhook.WebhookSecret;

/** An endpoint as it is after its creation or a rotation, and its new secret, shown once. */
public record EndpointSecret(WebhookEndpoint endpoint, WebhookSecret secret) {

  public EndpointSecret {
    requireNonNull(endpoint, "endpoint");
    requireNonNull(secret, "secret");
  }
}
