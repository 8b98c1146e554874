package dev.herald.core.webhook;

import static java.util.Objects.requireNonNull;

import dev.herald.core.envelope.EventTypePattern;
import dev.herald.core.rule.BodyTransform;
import dev.herald.core.rule.ContentPattern;
import java.util.Optional;

/**
 * Selects events for an endpoint: an event-type pattern and an optional realm.
 *
 * @param pattern exact type, prefix wildcard ({@code user.*}) or {@code *}
 * @param realmId only events of this realm when present; every realm when empty
 */
public record WebhookSubscription(EventTypePattern pattern, Optional<String> realmId) {

  public WebhookSubscription {
    requireNonNull(pattern, "pattern");
    requireNonNull(realmId, "realmId");
  }

  /** Returns the pattern the event's document must also match; none yet. */
  public Optional<ContentPattern> contentPattern() {
    return Optional.empty();
  }

  /** Returns how the body is reshaped; not yet. */
  public Optional<BodyTransform> transform() {
    return Optional.empty();
  }

  /** Returns whether an event of this type and realm is selected. */
  public boolean matches(String eventType, String eventRealmId) {
    return pattern.matches(eventType) && realmId.map(eventRealmId::equals).orElse(true);
  }
}
