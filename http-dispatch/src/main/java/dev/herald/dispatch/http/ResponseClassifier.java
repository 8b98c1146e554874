package dev.herald.dispatch.http;

import static java.util.Objects.requireNonNull;

import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.ResponseHeaders;
import dev.herald.core.dispatch.DeliveryOutcome.Gone;
import dev.herald.core.dispatch.DeliveryResult;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Turns a webhook response into a delivery result, following Standard Webhooks: 2xx delivered, 410
 * gone, 429 and 503 retried after their {@code Retry-After}, everything else retried. A 429 has its
 * own error class, {@code rate_limited}: the receiver is up and asks for less.
 */
final class ResponseClassifier {

  private final Clock clock;
  private final Duration maxRetryAfter;

  ResponseClassifier(Clock clock, Duration maxRetryAfter) {
    this.clock = requireNonNull(clock, "clock");
    this.maxRetryAfter = requireNonNull(maxRetryAfter, "maxRetryAfter");
  }

  /** Returns the result for a response with these headers and this body excerpt. */
  DeliveryResult classify(ResponseHeaders headers, String excerpt) {
    HttpStatus status = headers.status();
    int code = status.code();
    DeliveryResult result;
    if (status.isSuccess()) {
      result = DeliveryResult.delivered();
    } else if (code == 410) {
      String reason = "HTTP " + status;
      result = new DeliveryResult(new Gone(reason), null, null, "gone", reason, null);
    } else if (code == 429 || code == 503) {
      String retryAfter = headers.get(HttpHeaderNames.RETRY_AFTER);
      Optional<Duration> wait = RetryAfter.parse(retryAfter, clock.instant(), maxRetryAfter);
      String message =
          retryAfter == null ? "HTTP " + status : "HTTP " + status + ", Retry-After: " + retryAfter;
      result =
          DeliveryResult.retry(
              wait.orElse(null), code == 429 ? "rate_limited" : statusClass(code), message);
    } else if (status.isRedirection()) {
      String location = headers.get(HttpHeaderNames.LOCATION);
      String message =
          location == null
              ? "HTTP " + status + ": redirect without Location not followed"
              : "HTTP " + status + ": redirect to " + location + " not followed";
      result = DeliveryResult.retry(null, "redirect", message);
    } else {
      result = DeliveryResult.retry(null, statusClass(code), "HTTP " + status);
    }
    return result.withHttp(code, excerpt);
  }

  /**
   * Returns the error class of a failure status: http_4xx (the request) or http_5xx (the server).
   */
  private static String statusClass(int code) {
    return code >= 500 ? "http_5xx" : "http_4xx";
  }
}
