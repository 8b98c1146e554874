package dev.herald.core.route;

import dev.herald.core.outbox.OutboxEvent;
import dev.herald.core.rule.BodyTransform;
import dev.herald.core.rule.ContentPattern;
import java.util.Optional;

/**
 * What selects events for a target: its own test on the event's type, version and realm, an
 * optional content pattern on the event's document, and an optional transformation of the body the
 * target receives. Webhook and plugin subscriptions both are one.
 */
public interface Subscription {

  /** Returns whether the event's type, version and realm are selected (content aside). */
  boolean selects(OutboxEvent event);

  /** Returns the pattern the event's document must also match, if any. */
  Optional<ContentPattern> contentPattern();

  /** Returns how the body the target receives is reshaped, if it is. */
  Optional<BodyTransform> transform();
}
