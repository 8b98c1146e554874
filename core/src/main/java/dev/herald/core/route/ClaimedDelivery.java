package dev.herald.core.route;

import dev.herald.core.dispatch.TargetRef;

/**
 * A delivery this worker holds under a lease, about to be attempted.
 *
 * @param attempt the number of the attempt about to be made (1 for the first)
 */
public record ClaimedDelivery(
    long id, long outboxId, String eventId, TargetRef target, int attempt) {}
