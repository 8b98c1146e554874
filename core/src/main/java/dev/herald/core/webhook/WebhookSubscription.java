package dev.herald.core.webhook;

import static java.util.Objects.requireNonNull;

import dev.herald.core.envelope.EventTypePattern;
import dev.herald.core.rule.BodyTransform;
import dev.herald.core.rule.ContentPattern;
import java.util.Optional;

/**
 * Selects events for an endpoint: an event-type pattern, an optional realm and an optional content
 * pattern; and says how the body is reshaped, if it is.
 *
 * @param pattern exact type, prefix wildcard ({@code user.*}) or {@code *}
 * @param realmId only events of this realm when present; every realm when empty
 * @param contentPattern the EventBridge pattern the event's document must also match, if any
 * @param transform the JMESPath expression that turns the event into the delivered body, if any
 */
public record WebhookSubscription(
    EventTypePattern pattern,
    Optional<String> realmId,
    Optional<ContentPattern> contentPattern,
    Optional<BodyTransform> transform) {

  public WebhookSubscription {
    requireNonNull(pattern, "pattern");
    requireNonNull(realmId, "realmId");
    requireNonNull(contentPattern, "contentPattern");
    requireNonNull(transform, "transform");
  }

  /** Creates a subscription on type and realm only: no content pattern, the body as rendered. */
  public WebhookSubscription(EventTypePattern pattern, Optional<String> realmId) {
    this(pattern, realmId, Optional.empty(), Optional.empty());
  }

  /** Returns whether an event of this type and realm is selected (content aside). */
  public boolean matches(String eventType, String eventRealmId) {
    return pattern.matches(eventType) && realmId.map(eventRealmId::equals).orElse(true);
  }
}
