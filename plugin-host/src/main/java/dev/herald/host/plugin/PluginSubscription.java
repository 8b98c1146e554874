package dev.herald.host.plugin;

import static java.util.Objects.requireNonNull;

import dev.herald.core.envelope.EventTypePattern;
import dev.herald.core.outbox.OutboxEvent;
import dev.herald.core.route.Subscription;
import dev.herald.core.rule.BodyTransform;
import dev.herald.core.rule.ContentPattern;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Selects events for a plugin: any of the type patterns, and (when non-empty) one of the payload
 * versions and one of the realms; then, when set, a content pattern the event's document must
 * match. A transform reshapes the payload the plugin receives.
 *
 * @param contentPattern an EventBridge pattern over the event's document; empty for none
 * @param transform a JMESPath expression giving the payload the plugin receives; empty to send it
 *     as published
 */
public record PluginSubscription(
    List<EventTypePattern> eventTypes,
    Set<Integer> eventVersions,
    Set<String> realms,
    Optional<ContentPattern> contentPattern,
    Optional<BodyTransform> transform)
    implements Subscription {

  public PluginSubscription {
    eventTypes = List.copyOf(requireNonNull(eventTypes, "eventTypes"));
    eventVersions = Set.copyOf(requireNonNull(eventVersions, "eventVersions"));
    realms = Set.copyOf(requireNonNull(realms, "realms"));
    requireNonNull(contentPattern, "contentPattern");
    requireNonNull(transform, "transform");
    if (eventTypes.isEmpty()) {
      throw new IllegalArgumentException("eventTypes: empty (expected: at least one pattern)");
    }
  }

  /** Creates a subscription by type, version and realm only, with no content rules. */
  public PluginSubscription(
      List<EventTypePattern> eventTypes, Set<Integer> eventVersions, Set<String> realms) {
    this(eventTypes, eventVersions, realms, Optional.empty(), Optional.empty());
  }

  /** Returns whether the event's type, version and realm are selected (content aside). */
  @Override
  public boolean selects(OutboxEvent event) {
    return eventTypes.stream().anyMatch(p -> p.matches(event.eventType()))
        && (eventVersions.isEmpty() || eventVersions.contains(event.eventVersion()))
        && (realms.isEmpty() || realms.contains(event.realmId()));
  }

  /** Returns whether it has a content pattern or a transform. */
  public boolean hasContentRules() {
    return contentPattern.isPresent() || transform.isPresent();
  }
}
