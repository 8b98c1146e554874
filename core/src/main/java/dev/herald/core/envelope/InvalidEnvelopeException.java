package dev.herald.core.envelope;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Thrown when an envelope is malformed; lists every violation, not only the first, e.g. {@code
 * invalid envelope: event_id: empty (expected: a UUIDv7); occurred_at: missing}.
 */
public final class InvalidEnvelopeException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final List<FieldViolation> violations;

  /** Creates an exception listing the given violations, of which there is at least one. */
  public InvalidEnvelopeException(List<FieldViolation> violations) {
    super(message(violations));
    this.violations = List.copyOf(violations);
  }

  /** Returns the violations, in the order of the envelope's fields. */
  public List<FieldViolation> violations() {
    return violations;
  }

  private static String message(List<FieldViolation> violations) {
    requireNonNull(violations, "violations");
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("violations: [] (expected: at least one)");
    }
    StringBuilder message = new StringBuilder("invalid envelope: ");
    for (int i = 0; i < violations.size(); i++) {
      if (i > 0) {
        message.append("; ");
      }
      message.append(violations.get(i));
    }
    return message.toString();
  }
}
