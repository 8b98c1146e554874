package dev.herald.core.webhook;

import static java.util.Objects.requireNonNull;

import dev.herald.core.dispatch.TargetRef;
import java.time.Duration;
import java.util.List;

/**
 * An HTTP endpoint that receives signed webhooks.
 *
 * @param id stable id, also the target id in {@code deliveries}
 * @param realmId the tenant owning the endpoint; empty when there are no tenants
 * @param url where events are POSTed
 * @param secret the signing secret, {@code whsec_<base64>}
 * @param status whether deliveries to it are claimed
 * @param timeout how long one attempt may take
 * @param maxInFlight how many attempts may be under way at once
 * @param subscriptions which events it receives
 * @param source where it was declared
 */
public record WebhookEndpoint(
    String id,
    String realmId,
    String url,
    WebhookSecret secret,
    EndpointStatus status,
    Duration timeout,
    int maxInFlight,
    List<WebhookSubscription> subscriptions,
    Source source) {

  /** Where an endpoint was declared. */
  public enum Source {
    CONFIG,
    API
  }

  public WebhookEndpoint {
    requireNonNull(id, "id");
    requireNonNull(realmId, "realmId");
    requireNonNull(url, "url");
    requireNonNull(secret, "secret");
    requireNonNull(status, "status");
    requireNonNull(timeout, "timeout");
    requireNonNull(source, "source");
    subscriptions = List.copyOf(subscriptions);
    if (id.isBlank()) {
      throw new IllegalArgumentException("id: empty (expected: non-empty)");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout: " + timeout + " (expected: > 0)");
    }
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight: " + maxInFlight + " (expected: >= 1)");
    }
  }

  /** Returns this endpoint as a delivery target. */
  public TargetRef target() {
    return TargetRef.webhook(id);
  }
}
