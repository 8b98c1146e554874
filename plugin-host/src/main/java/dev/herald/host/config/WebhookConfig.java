package dev.herald.host.config;

import static java.util.Objects.requireNonNull;

import dev.herald.core.envelope.EventTypePattern;
import dev.herald.core.limit.Rate;
import dev.herald.core.route.Ordering;
import dev.herald.core.webhook.EndpointStatus;
import dev.herald.core.webhook.StaticHeaders;
import dev.herald.core.webhook.WebhookBodyFormat;
import dev.herald.core.webhook.WebhookEndpoint;
import dev.herald.core.webhook.WebhookSecret;
import dev.herald.core.webhook.WebhookSubscription;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A webhook endpoint declared in the config file.
 *
 * @param id unique, {@code [a-z0-9][a-z0-9_-]{0,63}}
 * @param url an absolute http or https URL with a host
 * @param secret the signing secret, given inline or resolved from {@code secret_ref}
 * @param eventTypes which event types it receives, whatever their content
 * @param realm only events of this realm when present
 * @param enabled whether deliveries to it are made
 * @param timeout how long one attempt may take
 * @param maxInFlight attempts under way at once to this endpoint
 * @param rateLimit the most attempts per second, minute or hour; empty for no limit
 * @param headers static headers sent on every attempt, checked by {@link StaticHeaders}; {@link
 *     #toString()} shows only their names
 * @param subscriptions which events it receives under content rules; with {@code eventTypes}, at
 *     least one event type in all
 * @param ordering how its deliveries are ordered per key; empty for any order
 * @param bodyFormat how it receives events: Herald's JSON or a CloudEvent
 */
public record WebhookConfig(
    String id,
    URI url,
    WebhookSecret secret,
    List<EventTypePattern> eventTypes,
    Optional<String> realm,
    boolean enabled,
    Duration timeout,
    int maxInFlight,
    Optional<Rate> rateLimit,
    Map<String, String> headers,
    List<SubscriptionConfig> subscriptions,
    Optional<Ordering> ordering,
    WebhookBodyFormat bodyFormat) {

  /** The default attempt timeout. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  /** The default number of attempts under way at once per endpoint. */
  public static final int DEFAULT_MAX_IN_FLIGHT = 16;

  public WebhookConfig {
    requireNonNull(id, "id");
    requireNonNull(url, "url");
    requireNonNull(secret, "secret");
    eventTypes = List.copyOf(eventTypes);
    requireNonNull(realm, "realm");
    requireNonNull(timeout, "timeout");
    requireNonNull(rateLimit, "rateLimit");
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    subscriptions = List.copyOf(subscriptions);
    requireNonNull(ordering, "ordering");
    requireNonNull(bodyFormat, "bodyFormat");
  }

  /** Returns the core endpoint this declaration describes. */
  public WebhookEndpoint toEndpoint() {
    List<WebhookSubscription> all = new ArrayList<>();
    eventTypes.forEach(pattern -> all.add(new WebhookSubscription(pattern, realm)));
    for (SubscriptionConfig ruled : subscriptions) {
      ruled
          .eventTypes()
          .forEach(
              pattern ->
                  all.add(
                      new WebhookSubscription(
                          pattern, realm, ruled.contentPattern(), ruled.transform())));
    }
    return new WebhookEndpoint(
            id,
            realm.orElse(""),
            url.toString(),
            secret,
            enabled ? EndpointStatus.ACTIVE : EndpointStatus.DISABLED,
            timeout,
            maxInFlight,
            all.stream().distinct().toList(),
            WebhookEndpoint.Source.CONFIG)
        .withRateLimit(rateLimit)
        .withHeaders(headers)
        .withOrdering(ordering)
        .withBodyFormat(bodyFormat);
  }

  /** Describes the declaration with its headers' names only: their values may be credentials. */
  @Override
  public String toString() {
    return "WebhookConfig[id="
        + id
        + ", url="
        + url
        + ", eventTypes="
        + eventTypes
        + ", realm="
        + realm
        + ", enabled="
        + enabled
        + ", timeout="
        + timeout
        + ", maxInFlight="
        + maxInFlight
        + ", rateLimit="
        + rateLimit
        + ", headers="
        + headers.keySet()
        + ", subscriptions="
        + subscriptions
        + ", ordering="
        + ordering
        + ", bodyFormat="
        + bodyFormat
        + "]";
  }
}
