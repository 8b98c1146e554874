package dev.herald.core.testing;

import dev.herald.core.envelope.EventTypePattern;
import dev.herald.core.rule.ContentPattern;
import dev.herald.core.webhook.EndpointStatus;
import dev.herald.core.webhook.WebhookEndpoint;
import dev.herald.core.webhook.WebhookSecret;
import dev.herald.core.webhook.WebhookSubscription;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Builds webhook endpoints for tests. */
public final class Endpoints {

  /** The Standard Webhooks spec's sample secret. */
  public static final WebhookSecret SECRET =
      WebhookSecret.parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

  private Endpoints() {}

  /** Returns an active endpoint at {@code url} subscribed to the given patterns, any realm. */
  public static WebhookEndpoint endpoint(String id, String url, String... patterns) {
    return new WebhookEndpoint(
        id,
        "",
        url,
        SECRET,
        EndpointStatus.ACTIVE,
        Duration.ofSeconds(5),
        8,
        Arrays.stream(patterns)
            .map(p -> new WebhookSubscription(EventTypePattern.parse(p), Optional.empty()))
            .toList(),
        WebhookEndpoint.Source.CONFIG);
  }

  /** Returns a copy of the endpoint with another status. */
  public static WebhookEndpoint withStatus(WebhookEndpoint e, EndpointStatus status) {
    return new WebhookEndpoint(
        e.id(),
        e.realmId(),
        e.url(),
        e.secret(),
        status,
        e.timeout(),
        e.maxInFlight(),
        e.subscriptions(),
        e.source());
  }

  /** Returns a copy of the endpoint with the given subscriptions instead of its own. */
  public static WebhookEndpoint withSubscriptions(
      WebhookEndpoint e, WebhookSubscription... subscriptions) {
    return new WebhookEndpoint(
        e.id(),
        e.realmId(),
        e.url(),
        e.secret(),
        e.status(),
        e.timeout(),
        e.maxInFlight(),
        List.of(subscriptions),
        e.source());
  }

  /** Returns a subscription to a type pattern, any realm, whose events must match {@code json}. */
  public static WebhookSubscription matching(String pattern, String json) {
    return new WebhookSubscription(
        EventTypePattern.parse(pattern),
        Optional.empty(),
        Optional.of(ContentPattern.parse(json)),
        Optional.empty());
  }

  /** Returns a copy of the endpoint whose subscriptions only match the given realm. */
  public static WebhookEndpoint inRealm(WebhookEndpoint e, String realm) {
    return withSubscriptions(
        e,
        e.subscriptions().stream()
            .map(s -> new WebhookSubscription(s.pattern(), Optional.of(realm)))
            .toArray(WebhookSubscription[]::new));
  }
}
