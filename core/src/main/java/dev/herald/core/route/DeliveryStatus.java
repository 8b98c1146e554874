package dev.herald.core.route;

import java.util.Locale;

/**
 * Where a delivery stands: pending → in_flight → succeeded | scheduled (→ in_flight) | dead (→
 * discarded).
 */
public enum DeliveryStatus {
  /** Created, never attempted. */
  PENDING,
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
