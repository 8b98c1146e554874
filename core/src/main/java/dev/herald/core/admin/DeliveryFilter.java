package dev.herald.core.admin;

import static java.util.Objects.requireNonNull;

import dev.herald.core.dispatch.TargetRef;
import dev.herald.core.envelope.EventTypePattern;
import dev.herald.core.route.DeliveryStatus;
import java.time.Instant;
import java.util.Optional;

/**
 * Selects deliveries; every empty field selects everything.
 *
 * @param createdAfter inclusive
 * @param createdBefore exclusive
 * @param realms the events' realms
 * @param errorClass the error class of the delivery's latest attempt, e.g. {@code http_5xx}
 */
public record DeliveryFilter(
    Optional<TargetRef> target,
    Optional<DeliveryStatus> status,
    Optional<EventTypePattern> eventType,
    Optional<Instant> createdAfter,
    Optional<Instant> createdBefore,
    Realms realms,
    Optional<String> errorClass) {

  public DeliveryFilter {
    requireNonNull(target, "target");
    requireNonNull(status, "status");
    requireNonNull(eventType, "eventType");
    requireNonNull(createdAfter, "createdAfter");
    requireNonNull(createdBefore, "createdBefore");
    requireNonNull(realms, "realms");
    requireNonNull(errorClass, "errorClass");
  }

  /** Returns this filter narrowed to one status. */
  public DeliveryFilter withStatus(DeliveryStatus only) {
    return new DeliveryFilter(
        target, Optional.of(only), eventType, createdAfter, createdBefore, realms, errorClass);
  }
}
