package dev.herald.core.rule;

import static java.util.Objects.requireNonNull;

/**
 * A content pattern or transformation that cannot be used, with the place inside it that is wrong:
 * a dotted path in a pattern ({@code payload.amount}, {@code $or[1].realm_id}), a character
 * position in an expression.
 */
public final class InvalidRuleException extends IllegalArgumentException {

  private final String where;
  private final String reason;

  InvalidRuleException(String where, String reason) {
    super(where.isEmpty() ? reason : where + ": " + reason);
    this.where = requireNonNull(where, "where");
    this.reason = requireNonNull(reason, "reason");
  }

  /** Returns the place inside the rule that is wrong; empty when it is the rule as a whole. */
  public String where() {
    return where;
  }

  /** Returns what is wrong there. */
  public String reason() {
    return reason;
  }

  /** Returns the message as seen from the field holding the rule, e.g. {@code content_pattern}. */
  public String messageFor(String field) {
    return pathFrom(field) + ": " + reason;
  }

  /** Returns the path of the wrong place from the field holding the rule: {@code field.where}. */
  public String pathFrom(String field) {
    return where.isEmpty() ? field : field + "." + where;
  }
}
