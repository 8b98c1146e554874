package dev.herald.core.admin;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An operator's request for a new webhook endpoint, before validation.
 *
 * @param id the wanted id; empty to have one generated
 * @param realmId the owning realm; empty for the default realm
 * @param url where events go
 * @param eventTypes the initial subscriptions' patterns
 * @param timeout the per-attempt timeout; empty for the default
 * @param maxInFlight attempts under way at once; 0 for the default
 * @param secret a {@code whsec_} secret to use; empty to have one generated
 * @param paused whether it starts paused
 * @param rateLimit its rate limit as written ({@code 50/s}); blank for none
 * @param headers static headers sent on every attempt; empty for none
 * @param contentPattern the initial subscriptions' content pattern as JSON; blank for none
 * @param transform the initial subscriptions' transformation (JMESPath); blank for none
 * @param ordering how its deliveries are ordered per key; empty for any order
 * @param bodyFormat how it receives events as written ({@code cloudevents-binary}); blank for
 *     Herald's JSON
 */
public record NewWebhook(
    String id,
    String realmId,
    String url,
    List<String> eventTypes,
    Optional<Duration> timeout,
    int maxInFlight,
    Optional<String> secret,
    boolean paused,
    String rateLimit,
    Map<String, String> headers,
    String contentPattern,
    String transform,
    Optional<OrderingRequest> ordering,
    String bodyFormat) {

  public NewWebhook {
    requireNonNull(id, "id");
    requireNonNull(realmId, "realmId");
    requireNonNull(url, "url");
    eventTypes = List.copyOf(eventTypes);
    requireNonNull(timeout, "timeout");
    requireNonNull(secret, "secret");
    requireNonNull(rateLimit, "rateLimit");
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    requireNonNull(contentPattern, "contentPattern");
    requireNonNull(transform, "transform");
    requireNonNull(ordering, "ordering");
    requireNonNull(bodyFormat, "bodyFormat");
  }
}
