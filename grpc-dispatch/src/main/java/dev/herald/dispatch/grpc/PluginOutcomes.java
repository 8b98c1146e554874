package dev.herald.dispatch.grpc;

import dev.herald.core.dispatch.DeliveryOutcome.Delivered;
import dev.herald.core.dispatch.DeliveryResult;
import dev.herald.proto.plugin.v1.DeliverResponse;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Maps a plugin's answer, or the failure of its Deliver call, to a delivery result.
 *
 * <p>Status codes meaning "this event will never be accepted" dead-letter at once: {@code
 * INVALID_ARGUMENT}, {@code UNIMPLEMENTED}, {@code PERMISSION_DENIED}, {@code UNAUTHENTICATED},
 * {@code NOT_FOUND}. Every other code is retried with backoff, including the ones the design leaves
 * open ({@code CANCELLED}, {@code FAILED_PRECONDITION}, {@code OUT_OF_RANGE}, {@code
 * ALREADY_EXISTS}, {@code DATA_LOSS}): a wrong retry costs a few attempts before the delivery
 * dead-letters anyway, a wrong dead letter needs an operator to replay it.
 */
final class PluginOutcomes {

  /** The status codes that dead-letter a delivery at once. */
  static final Set<Status.Code> REJECTING =
      EnumSet.of(
          Status.Code.INVALID_ARGUMENT,
          Status.Code.UNIMPLEMENTED,
          Status.Code.PERMISSION_DENIED,
          Status.Code.UNAUTHENTICATED,
          Status.Code.NOT_FOUND);

  /** The longest {@code retry_after} honoured, as for webhooks' {@code Retry-After}. */
  static final Duration MAX_RETRY_AFTER = Duration.ofHours(24);

  // Attempt logs keep what a plugin says, not whatever it sends.
  static final int MAX_MESSAGE_CHARS = 1024;

  private static final String OK = Status.Code.OK.name();

  private PluginOutcomes() {}

  /** Returns the result of a call the plugin answered. */
  static DeliveryResult answered(DeliverResponse response) {
    String reason = response.getReason();
    DeliveryResult result =
        switch (response.getOutcome()) {
          case ACK ->
              reason.isEmpty()
                  ? DeliveryResult.delivered()
                  // A reason on ACK is not an error; keep it as the response excerpt.
                  : new DeliveryResult(new Delivered(), null, null, null, null, cap(reason));
          case RETRY ->
              DeliveryResult.retry(
                  retryAfter(response),
                  "plugin_retry",
                  cap(reason.isEmpty() ? "plugin asked to retry, without a reason" : reason));
          case REJECT ->
              DeliveryResult.rejected(
                  "plugin_reject",
                  cap(reason.isEmpty() ? "plugin rejected the event, without a reason" : reason));
          case OUTCOME_UNSPECIFIED ->
              DeliveryResult.retry(
                  null, "plugin_outcome_unspecified", "plugin did not set an outcome");
          case UNRECOGNIZED ->
              DeliveryResult.retry(
                  null,
                  "plugin_outcome_unknown",
                  "outcome: " + response.getOutcomeValue() + " (expected: ACK, RETRY or REJECT)");
        };
    return result.withGrpcCode(OK);
  }

  /** Returns the result of a call that failed, which had {@code timeout} as its deadline. */
  static DeliveryResult failed(Throwable failure, Duration timeout) {
    Throwable cause = unwrap(failure);
    if (!carriesStatus(cause)) {
      // Not a failed call but an exception on our side of it.
      return DeliveryResult.retryAfterError("error", cause);
    }
    Status status = Status.fromThrowable(cause);
    Status.Code code = status.getCode();
    String message = cap(describe(status));
    DeliveryResult result;
    if (REJECTING.contains(code)) {
      result = DeliveryResult.rejected("grpc_status", message);
    } else if (code == Status.Code.DEADLINE_EXCEEDED) {
      result = DeliveryResult.retry(null, "timeout", message + " (deadline: " + timeout + ")");
    } else if (code == Status.Code.RESOURCE_EXHAUSTED && status.getCause() == null) {
      // The plugin asks for less, like an HTTP 429.
      result = DeliveryResult.retry(null, "rate_limited", message);
    } else if (status.getCause() != null) {
      // The status came from the transport (connect, TLS, reset), not from the plugin.
      result = DeliveryResult.retry(null, "transport", message);
    } else {
      result = DeliveryResult.retry(null, "grpc_status", message);
    }
    return result.withGrpcCode(code.name());
  }

  private static Duration retryAfter(DeliverResponse response) {
    if (!response.hasRetryAfter()) {
      return null;
    }
    com.google.protobuf.Duration after = response.getRetryAfter();
    if (after.getSeconds() >= MAX_RETRY_AFTER.getSeconds()) {
      return MAX_RETRY_AFTER;
    }
    Duration duration = Duration.ofSeconds(after.getSeconds(), after.getNanos());
    return duration.isPositive() ? duration : null;
  }

  private static String describe(Status status) {
    StringBuilder text = new StringBuilder(status.getCode().name());
    if (status.getDescription() != null) {
      text.append(": ").append(status.getDescription());
    }
    Throwable cause = status.getCause();
    if (cause != null) {
      text.append(" (").append(cause.getClass().getSimpleName());
      if (cause.getMessage() != null) {
        text.append(": ").append(cause.getMessage());
      }
      text.append(')');
    }
    return text.toString();
  }

  private static boolean carriesStatus(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof StatusException || t instanceof StatusRuntimeException) {
        return true;
      }
    }
    return false;
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static String cap(String message) {
    if (message.length() <= MAX_MESSAGE_CHARS) {
      return message;
    }
    int end = MAX_MESSAGE_CHARS;
    if (Character.isHighSurrogate(message.charAt(end - 1))) {
      end--;
    }
    return message.substring(0, end) + "…";
  }
}
