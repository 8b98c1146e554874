package dev.herald.core.inbound;

import dev.herald.core.envelope.FieldViolation;
import java.util.List;
import java.util.stream.Collectors;

/** A source declaration with bad fields, each named with the reason. */
public final class InvalidSourceException extends IllegalArgumentException {

  private final List<FieldViolation> violations;

  InvalidSourceException(List<FieldViolation> violations) {
    super(violations.stream().map(FieldViolation::toString).collect(Collectors.joining("; ")));
    this.violations = List.copyOf(violations);
  }

  /** Returns the bad fields. */
  public List<FieldViolation> violations() {
    return violations;
  }
}
