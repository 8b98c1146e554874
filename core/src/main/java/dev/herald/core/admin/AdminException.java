package dev.herald.core.admin;

import static java.util.Objects.requireNonNull;

import dev.herald.core.envelope.FieldViolation;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** An operator's request that cannot be carried out; nothing was changed. */
public final class AdminException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Why the request failed. */
  public enum Kind {
    /** A field is malformed or out of range; {@link #violations()} names each. */
    INVALID_ARGUMENT,
    /** The named thing does not exist (or the caller may not see it). */
    NOT_FOUND,
    /** Something with that id exists already. */
    ALREADY_EXISTS,
    /** The thing is in a state that does not allow this, e.g. a config-declared endpoint. */
    FAILED_PRECONDITION,
    /** A rate limit or quota is used up for now; {@link #retryAfter()} says for how long. */
    RESOURCE_EXHAUSTED
  }

  private final Kind kind;
  private final transient List<FieldViolation> violations;
  private final Duration retryAfter;

  private AdminException(
      Kind kind, String message, List<FieldViolation> violations, Duration retryAfter) {
    super(message);
    this.kind = kind;
    this.violations = List.copyOf(violations);
    this.retryAfter = retryAfter;
  }

  private AdminException(Kind kind, String message, List<FieldViolation> violations) {
    this(kind, message, violations, null);
  }

  /**
   * Returns an exception for a request over a rate limit or quota, which may be made again after
   * {@code retryAfter}; the message says so in whole seconds.
   *
   * @param refused what was refused and why, e.g. {@code realm 'acme' is over its quota of 5/s}
   */
  public static AdminException exhausted(String refused, Duration retryAfter) {
    requireNonNull(refused, "refused");
    requireNonNull(retryAfter, "retryAfter");
    return new AdminException(
        Kind.RESOURCE_EXHAUSTED,
        refused + "; try again in " + retryAfterSeconds(retryAfter) + " s",
        List.of(),
        retryAfter);
  }

  /** Returns how long until a RESOURCE_EXHAUSTED request may be made again. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** Returns whole seconds until the request would be taken, at least one (HTTP's Retry-After). */
  public static long retryAfterSeconds(Duration wait) {
    long millis = wait.toMillis();
    return Math.max(1, (millis + 999) / 1000);
  }

  /** Returns an exception naming every bad field, e.g. {@code url: 'ftp://x' (expected: ...)}. */
  public static AdminException invalid(List<FieldViolation> violations) {
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("violations: [] (expected: at least one)");
    }
    StringBuilder message = new StringBuilder();
    for (FieldViolation violation : violations) {
      message.append(message.isEmpty() ? "" : "; ").append(violation);
    }
    return new AdminException(Kind.INVALID_ARGUMENT, message.toString(), violations);
  }

  /** Returns an exception naming one bad field. */
  public static AdminException invalid(String field, String reason) {
    return invalid(List.of(new FieldViolation(field, reason)));
  }

  /** Returns an exception saying what was not found, e.g. {@code webhook 'billing' not found}. */
  public static AdminException notFound(String what) {
    return new AdminException(
        Kind.NOT_FOUND, requireNonNull(what, "what") + " not found", List.of());
  }

  /** Returns an exception saying what exists already. */
  public static AdminException alreadyExists(String what) {
    return new AdminException(
        Kind.ALREADY_EXISTS, requireNonNull(what, "what") + " already exists", List.of());
  }

  /** Returns an exception saying why the current state forbids the request. */
  public static AdminException failedPrecondition(String message) {
    return new AdminException(
        Kind.FAILED_PRECONDITION, requireNonNull(message, "message"), List.of());
  }

  /** Returns why the request failed. */
  public Kind kind() {
    return kind;
  }

  /** Returns the bad fields; empty unless the kind is INVALID_ARGUMENT. */
  public List<FieldViolation> violations() {
    return violations;
  }
}
