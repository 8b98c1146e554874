package dev.herald.host.config;

import static java.util.Objects.requireNonNull;

import dev.herald.core.envelope.EventTypePattern;
import dev.herald.core.rule.BodyTransform;
import dev.herald.core.rule.ContentPattern;
import java.util.List;
import java.util.Optional;

/**
 * One entry of a webhook's {@code subscriptions} in the config file: event types with a content
 * pattern and a transformation they share.
 *
 * @param eventTypes which event types it selects; at least one
 * @param contentPattern the EventBridge pattern the event's document must also match, if any
 * @param transform the JMESPath expression that turns the event into the delivered body, if any
 */
public record SubscriptionConfig(
    List<EventTypePattern> eventTypes,
    Optional<ContentPattern> contentPattern,
    Optional<BodyTransform> transform) {

  public SubscriptionConfig {
    eventTypes = List.copyOf(eventTypes);
    requireNonNull(contentPattern, "contentPattern");
    requireNonNull(transform, "transform");
  }
}
