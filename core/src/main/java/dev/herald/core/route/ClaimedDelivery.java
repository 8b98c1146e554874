package dev.herald.core.route;

import dev.herald.core.dispatch.TargetRef;
import dev.herald.proto.event.v1.EventEnvelope;
import dev.herald.proto.event.v1.Purpose;

/**
 * A delivery this worker holds under a lease, about to be attempted.
 *
 * @param attempt the number of the attempt about to be made (1 for the first)
 * @param replay whether an operator replayed it: its envelope goes out with purpose REPLAY
 * @param orderKey its key, when its target orders deliveries per key (it is the key's head); null
 *     otherwise
 */
public record ClaimedDelivery(
    long id,
    long outboxId,
    String eventId,
    TargetRef target,
    int attempt,
    boolean replay,
    String orderKey) {

  /** Creates a claimed unordered delivery. */
  public ClaimedDelivery(
      long id, long outboxId, String eventId, TargetRef target, int attempt, boolean replay) {
    this(id, outboxId, eventId, target, attempt, replay, null);
  }

  /** Creates a claimed unordered live delivery. */
  public ClaimedDelivery(long id, long outboxId, String eventId, TargetRef target, int attempt) {
    this(id, outboxId, eventId, target, attempt, false);
  }

  /** Returns the envelope to deliver: the stored one, marked REPLAY for a replay; null for null. */
  public EventEnvelope envelopeFor(EventEnvelope stored) {
    return stored == null || !replay
        ? stored
        : stored.toBuilder().setPurpose(Purpose.PURPOSE_REPLAY).build();
  }
}
