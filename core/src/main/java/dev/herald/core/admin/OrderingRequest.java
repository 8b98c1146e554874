package dev.herald.core.admin;

import static java.util.Objects.requireNonNull;

/**
 * An operator's ordering of a webhook's deliveries as written, before validation.
 *
 * @param key {@code subject} or a dotted path into the event's JSON document; blank for {@code
 *     subject}
 * @param onDead {@code block} or {@code skip}; blank for {@code block}
 */
public record OrderingRequest(String key, String onDead) {

  public OrderingRequest {
    requireNonNull(key, "key");
    requireNonNull(onDead, "onDead");
  }
}
