package dev.herald.core.dispatch;

import static java.util.Objects.requireNonNull;

import dev.herald.core.dispatch.DeliveryOutcome.Delivered;
import dev.herald.core.dispatch.DeliveryOutcome.Rejected;
import dev.herald.core.dispatch.DeliveryOutcome.Retry;
import java.time.Duration;
import java.util.Optional;

/**
 * The outcome of one attempt plus what the attempt log records about it. Every detail but the
 * outcome may be null when it does not apply (no HTTP status for a gRPC plugin, no error on
 * success).
 *
 * @param outcome what happens to the delivery next
 * @param httpStatus the HTTP status code, for webhooks that answered
 * @param grpcCode the gRPC status code name, for plugins
 * @param errorClass a short machine-readable error kind, e.g. {@code timeout}, {@code http_status}
 * @param errorMessage a human-readable description of the failure
 * @param responseExcerpt the start of the response body, already capped by the dispatcher
 */
public record DeliveryResult(
    DeliveryOutcome outcome,
    Integer httpStatus,
    String grpcCode,
    String errorClass,
    String errorMessage,
    String responseExcerpt) {

  public DeliveryResult {
    requireNonNull(outcome, "outcome");
  }

  /** Returns a success with no further detail. */
  public static DeliveryResult delivered() {
    return new DeliveryResult(new Delivered(), null, null, null, null, null);
  }

  /** Returns a retryable failure caused by an exception (connection refused, timeout, ...). */
  public static DeliveryResult retryAfterError(String errorClass, Throwable cause) {
    return new DeliveryResult(
        new Retry(Optional.empty()), null, null, errorClass, describe(cause), null);
  }

  /** Returns a retryable failure with an optional earliest retry time. */
  public static DeliveryResult retry(Duration after, String errorClass, String errorMessage) {
    return new DeliveryResult(
        new Retry(Optional.ofNullable(after)), null, null, errorClass, errorMessage, null);
  }

  /** Returns a permanent failure. */
  public static DeliveryResult rejected(String errorClass, String reason) {
    return new DeliveryResult(new Rejected(reason), null, null, errorClass, reason, null);
  }

  /** Returns a copy carrying the HTTP status and response excerpt of the answer. */
  public DeliveryResult withHttp(int status, String excerpt) {
    return new DeliveryResult(outcome, status, grpcCode, errorClass, errorMessage, excerpt);
  }

  /** Returns a copy carrying a gRPC status code name. */
  public DeliveryResult withGrpcCode(String code) {
    return new DeliveryResult(outcome, httpStatus, code, errorClass, errorMessage, responseExcerpt);
  }

  private static String describe(Throwable cause) {
    String message = cause.getMessage();
    return message == null || message.isBlank()
        ? cause.getClass().getSimpleName()
        : cause.getClass().getSimpleName() + ": " + message;
  }
}
