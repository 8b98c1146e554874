package dev.herald.core.inbound;

import static java.util.Objects.requireNonNull;

/** Why an inbound request was refused; nothing was stored. */
public final class InboundRefusal extends RuntimeException {

  /** The kinds of refusal, each answered with its own status by the HTTP layer. */
  public enum Reason {
    /** No such source, or it is paused or disabled. */
    UNKNOWN_SOURCE,
    /** The signature or token is missing or wrong, or the timestamp is outside the tolerance. */
    UNAUTHENTICATED,
    /** The body is larger than events may be. */
    TOO_LARGE,
    /** The body is not one JSON value. */
    INVALID_JSON,
    /** The request maps to an event Herald refuses, e.g. an event type that breaks the rules. */
    INVALID_EVENT
  }

  private final Reason reason;

  InboundRefusal(Reason reason, String message) {
    super(requireNonNull(message, "message"), null, false, false);
    this.reason = requireNonNull(reason, "reason");
  }

  /** Returns the kind of refusal. */
  public Reason reason() {
    return reason;
  }

  static InboundRefusal unauthenticated(String message) {
    return new InboundRefusal(Reason.UNAUTHENTICATED, message);
  }
}
