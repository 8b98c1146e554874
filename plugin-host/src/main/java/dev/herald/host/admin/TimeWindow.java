package dev.herald.host.admin;

import com.google.protobuf.Timestamp;
import dev.herald.core.envelope.FieldViolation;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A list request's time window: from {@code after} (inclusive) to {@code before} (exclusive), each
 * optional; read from a pair of request fields such as {@code created_after} / {@code
 * created_before}.
 */
record TimeWindow(Optional<Instant> after, Optional<Instant> before) {

  /**
   * Returns the window the two fields give (a field the request leaves unset is open); adds a
   * violation naming {@code beforeField} when the window is empty.
   */
  static TimeWindow of(
      String afterField,
      Optional<Timestamp> after,
      String beforeField,
      Optional<Timestamp> before,
      List<FieldViolation> found) {
    Optional<Instant> from = after.map(ProtoTime::instant);
    Optional<Instant> to = before.map(ProtoTime::instant);
    if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
      found.add(
          new FieldViolation(
              beforeField, to.get() + " (expected: after " + afterField + " " + from.get() + ")"));
    }
    return new TimeWindow(from, to);
  }
}
