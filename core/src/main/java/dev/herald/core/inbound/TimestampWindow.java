package dev.herald.core.inbound;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;

/**
 * How far a signed timestamp may be from now before the request counts as a replay: the check
 * Stripe and Standard Webhooks receivers make.
 */
record TimestampWindow(Duration tolerance) {

  TimestampWindow {
    requireNonNull(tolerance, "tolerance");
  }

  /**
   * Returns the timestamp {@code text} (epoch seconds) when it is within the tolerance of {@code
   * now}.
   *
   * @throws InboundRefusal when it is not a number, or too old, or too far in the future
   */
  long check(String name, String text, Instant now) {
    long seconds;
    try {
      seconds = Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw InboundRefusal.unauthenticated(
          name + " '" + text + "' (expected: seconds since the epoch)");
    }
    long offset = now.getEpochSecond() - seconds;
    if (Math.abs(offset) > tolerance.toSeconds()) {
      throw InboundRefusal.unauthenticated(
          name
              + " "
              + seconds
              + " is "
              + Math.abs(offset)
              + " s in the "
              + (offset > 0 ? "past" : "future")
              + " (expected: within "
              + tolerance.toSeconds()
              + " s of now; expired or replayed)");
    }
    return seconds;
  }
}
