package dev.herald.core.envelope;

import static java.util.Objects.requireNonNull;

import dev.herald.proto.event.v1.EventEnvelope;
import java.util.Optional;

/**
 * The W3C Trace Context of an event: its {@code traceparent} and, when it has one, its {@code
 * tracestate}. Herald passes it on unchanged with every delivery (HTTP headers to webhooks, gRPC
 * metadata to plugins), so a receiver's spans join the trace of the request that caused the event.
 *
 * @param traceparent a version 00 traceparent, {@code 00-<trace id>-<parent id>-<flags>}
 * @param tracestate the vendor entries that travel with it; empty when there are none
 */
public record TraceContext(String traceparent, Optional<String> tracestate) {

  /** The header (and gRPC metadata key) of the trace parent. */
  public static final String TRACEPARENT = "traceparent";

  /** The header (and gRPC metadata key) of the trace state. */
  public static final String TRACESTATE = "tracestate";

  // W3C Trace Context: a tracestate of up to 512 characters must be propagated.
  private static final int MAX_TRACESTATE_LENGTH = 512;

  public TraceContext {
    requireNonNull(traceparent, "traceparent");
    requireNonNull(tracestate, "tracestate");
    if (!Traceparents.isValid(traceparent)) {
      throw new IllegalArgumentException(
          "traceparent: '" + traceparent + "' (expected: 00-<32 hex>-<16 hex>-<2 hex>)");
    }
  }

  /** Returns the event's trace context, if it carries a valid one. */
  public static Optional<TraceContext> of(EventEnvelope envelope) {
    return parse(envelope.getTraceparent(), envelope.getTracestate());
  }

  /**
   * Returns the trace context of a pair of header values: empty unless {@code traceparent} is a
   * valid version 00 traceparent; a {@code tracestate} that could not travel as a header (control
   * characters, too long) is left out.
   */
  public static Optional<TraceContext> parse(String traceparent, String tracestate) {
    if (traceparent == null || !Traceparents.isValid(traceparent)) {
      return Optional.empty();
    }
    boolean stateTravels =
        tracestate != null
            && !tracestate.isEmpty()
            && tracestate.length() <= MAX_TRACESTATE_LENGTH
            && tracestate.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
    return Optional.of(
        new TraceContext(traceparent, stateTravels ? Optional.of(tracestate) : Optional.empty()));
  }

  /** Returns the event with this trace context. */
  public EventEnvelope applyTo(EventEnvelope envelope) {
    return envelope.toBuilder()
        .setTraceparent(traceparent)
        .setTracestate(tracestate.orElse(""))
        .build();
  }
}
