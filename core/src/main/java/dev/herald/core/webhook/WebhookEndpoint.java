package dev.herald.core.webhook;

import static java.util.Objects.requireNonNull;

import dev.herald.core.dispatch.TargetRef;
import dev.herald.core.limit.Rate;
import dev.herald.core.route.Ordering;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

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
 * @param previousSecret the secret rotated out, while it still signs beside {@code secret}
 * @param statusReason why it is paused or disabled, when it is and someone said why
 * @param rateLimit the most attempts it is sent per second, minute or hour; empty for no limit
 * @param headers static headers sent on every attempt, in declaration order; checked by {@link
 *     StaticHeaders} where they enter (config file, admin API). {@link #toString()} shows only
 *     their names, since values may be credentials
 * @param ordering how its deliveries are ordered per key; empty when they go in any order
 * @param bodyFormat how it receives an event: Herald's JSON or a CloudEvent
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
    Source source,
    Optional<PreviousSecret> previousSecret,
    Optional<String> statusReason,
    Optional<Rate> rateLimit,
    Map<String, String> headers,
    Optional<Ordering> ordering,
    WebhookBodyFormat bodyFormat) {

  /** The form of an endpoint id: {@code [a-z0-9][a-z0-9_-]{0,63}}. */
  public static final Pattern ID_PATTERN = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

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
    requireNonNull(previousSecret, "previousSecret");
    requireNonNull(statusReason, "statusReason");
    requireNonNull(rateLimit, "rateLimit");
    requireNonNull(headers, "headers");
    requireNonNull(ordering, "ordering");
    requireNonNull(bodyFormat, "bodyFormat");
    subscriptions = List.copyOf(subscriptions);
    // Kept in declaration order: receivers see them as the operator wrote them.
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    headers.forEach((name, value) -> requireNonNull(value, "headers." + name));
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

  /**
   * Creates an endpoint with no previous secret, no status reason, no rate limit, no static
   * headers, no ordering, receiving Herald's JSON body.
   */
  public WebhookEndpoint(
      String id,
      String realmId,
      String url,
      WebhookSecret secret,
      EndpointStatus status,
      Duration timeout,
      int maxInFlight,
      List<WebhookSubscription> subscriptions,
      Source source) {
    this(
        id,
        realmId,
        url,
        secret,
        status,
        timeout,
        maxInFlight,
        subscriptions,
        source,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Map.of(),
        Optional.empty(),
        WebhookBodyFormat.HERALD);
  }

  /** Returns this endpoint with another rate limit. */
  public WebhookEndpoint withRateLimit(Optional<Rate> rateLimit) {
    return withSettings(rateLimit, headers, ordering, bodyFormat);
  }

  /** Returns a copy of this endpoint with the given static headers instead of its own. */
  public WebhookEndpoint withHeaders(Map<String, String> headers) {
    return withSettings(rateLimit, headers, ordering, bodyFormat);
  }

  /** Returns a copy of this endpoint ordered as given instead of as it is. */
  public WebhookEndpoint withOrdering(Optional<Ordering> ordering) {
    return withSettings(rateLimit, headers, ordering, bodyFormat);
  }

  /** Returns a copy of this endpoint receiving events in another body format. */
  public WebhookEndpoint withBodyFormat(WebhookBodyFormat bodyFormat) {
    return withSettings(rateLimit, headers, ordering, bodyFormat);
  }

  private WebhookEndpoint withSettings(
      Optional<Rate> rateLimit,
      Map<String, String> headers,
      Optional<Ordering> ordering,
      WebhookBodyFormat bodyFormat) {
    return new WebhookEndpoint(
        id,
        realmId,
        url,
        secret,
        status,
        timeout,
        maxInFlight,
        subscriptions,
        source,
        previousSecret,
        statusReason,
        rateLimit,
        headers,
        ordering,
        bodyFormat);
  }

  /** Returns the secrets that sign a request made at {@code now}: the current one first. */
  public List<WebhookSecret> signingSecrets(Instant now) {
    return previousSecret
        .filter(previous -> previous.signsAt(now))
        .map(previous -> List.of(secret, previous.secret()))
        .orElse(List.of(secret));
  }

  /** Returns this endpoint as a delivery target. */
  public TargetRef target() {
    return TargetRef.webhook(id);
  }

  /** Describes the endpoint with its headers' names only: their values may be credentials. */
  @Override
  public String toString() {
    return "WebhookEndpoint[id="
        + id
        + ", realmId="
        + realmId
        + ", url="
        + url
        + ", secret="
        + secret
        + ", status="
        + status
        + ", timeout="
        + timeout
        + ", maxInFlight="
        + maxInFlight
        + ", subscriptions="
        + subscriptions
        + ", source="
        + source
        + ", previousSecret="
        + previousSecret
        + ", statusReason="
        + statusReason
        + ", rateLimit="
        + rateLimit
        + ", headers="
        + headers.keySet()
        + ", ordering="
        + ordering
        + ", bodyFormat="
        + bodyFormat
        + "]";
  }
}
