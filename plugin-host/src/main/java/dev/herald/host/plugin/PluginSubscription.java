package dev.herald.host.plugin;

import static java.util.Objects.requireNonNull;

import dev.herald.core.envelope.EventTypePattern;
import dev.herald.core.outbox.OutboxEvent;
import java.util.List;
import java.util.Set;

/**
 * Selects events for a plugin: any of the type patterns, and (when non-empty) one of the payload
 * versions and one of the realms.
 */
public record PluginSubscription(
    List<EventTypePattern> eventTypes, Set<Integer> eventVersions, Set<String> realms) {

  public PluginSubscription {
    eventTypes = List.copyOf(requireNonNull(eventTypes, "eventTypes"));
    eventVersions = Set.copyOf(requireNonNull(eventVersions, "eventVersions"));
    realms = Set.copyOf(requireNonNull(realms, "realms"));
    if (eventTypes.isEmpty()) {
      throw new IllegalArgumentException("eventTypes: empty (expected: at least one pattern)");
    }
  }

  /** Returns whether the event is selected. */
  public boolean matches(OutboxEvent event) {
    return eventTypes.stream().anyMatch(p -> p.matches(event.eventType()))
        && (eventVersions.isEmpty() || eventVersions.contains(event.eventVersion()))
        && (realms.isEmpty() || realms.contains(event.realmId()));
  }
}
