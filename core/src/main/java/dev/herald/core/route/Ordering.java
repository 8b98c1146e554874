package dev.herald.core.route;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A target's ordered delivery: deliveries of one key reach it strictly in outbox order, one at a
 * time; different keys proceed in parallel up to its {@code max_in_flight}.
 *
 * @param key what an event's key is
 * @param onDead what the key does when its head is dead-lettered
 */
public record Ordering(OrderKey key, DeadHeadPolicy onDead) {

  public Ordering {
    requireNonNull(key, "key");
    requireNonNull(onDead, "onDead");
  }

  /** Returns where the event's delivery stands in line; empty when the event has no key. */
  public Optional<DeliveryStore.KeyPlace> placeOf(RoutedEvent event) {
    return key.of(event).map(value -> new DeliveryStore.KeyPlace(value, onDead));
  }

  /** Orders by the event's subject, blocking a key on a dead head: the default. */
  public static Ordering bySubject() {
    return new Ordering(OrderKey.subject(), DeadHeadPolicy.BLOCK);
  }
}
