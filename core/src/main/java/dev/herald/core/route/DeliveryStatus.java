package dev.herald.core.route;

import java.util.Locale;

/**
 * Where a delivery stands: pending → in_flight → succeeded | scheduled (→ in_flight) | dead (→
 * discarded). A delivery of an ordered key waits as queued until it is the key's head (→ pending).
 */
public enum DeliveryStatus {
  /** Created, never attempted. */
  PENDING,
  /** Ordered: waits behind an earlier delivery of its key, and is not claimed until it is head. */
  QUEUED,
  /** Claimed by a worker under a lease. */
  IN_FLIGHT,
  /** Failed; tried again at next_attempt_at. */
  SCHEDULED,
  /** Delivered. */
  SUCCEEDED,
  /** Dead-lettered: rejected, retries exhausted, or its target is gone. */
  DEAD,
  /** A dead letter an operator gave up on; it is never attempted again. */
  DISCARDED;

  /** Returns the stored form. */
  public String dbValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses the stored form. */
  public static DeliveryStatus fromDb(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
