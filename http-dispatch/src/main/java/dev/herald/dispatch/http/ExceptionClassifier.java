package dev.herald.dispatch.http;

import com.linecorp.armeria.client.SessionProtocolNegotiationException;
import com.linecorp.armeria.client.UnprocessedRequestException;
import com.linecorp.armeria.common.ClosedSessionException;
import com.linecorp.armeria.common.TimeoutException;
import com.linecorp.armeria.common.stream.ClosedStreamException;
import dev.herald.core.dispatch.DeliveryResult;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLException;

/**
 * Turns a failure without a response into a result with a short error class: retryable, except a
 * denied address, which no retry would change.
 */
final class ExceptionClassifier {

  private ExceptionClassifier() {}

  /** Returns a retry whose error class names the kind of failure. */
  static DeliveryResult classify(Throwable failure, Duration timeout) {
    for (Throwable link = failure; link != null; link = link.getCause()) {
      // However the client wraps it, a refused address is final.
      if (link instanceof BlockedAddressException blocked) {
        return DeliveryResult.rejected(HttpWebhookDispatcher.BLOCKED_ADDRESS, blocked.getMessage());
      }
    }
    Throwable cause = unwrap(failure);
    if (isTimeout(cause)) {
      return DeliveryResult.retry(
          null, "timeout", "no response within " + timeout + " (" + describe(cause) + ")");
    }
    return DeliveryResult.retry(null, errorClass(cause), describe(cause));
  }

  private static String errorClass(Throwable cause) {
    if (cause instanceof UnknownHostException) {
      return "dns";
    }
    if (cause instanceof ConnectException
        || cause instanceof NoRouteToHostException
        || cause instanceof SessionProtocolNegotiationException) {
      return "connect";
    }
    if (cause instanceof SSLException) {
      return "tls";
    }
    if (cause instanceof IOException
        || cause instanceof ClosedSessionException
        || cause instanceof ClosedStreamException) {
      return "io";
    }
    return "error";
  }

  private static boolean isTimeout(Throwable cause) {
    // Netty's ConnectTimeoutException is a ConnectException too; a timeout it is.
    return cause instanceof TimeoutException
        || cause instanceof java.util.concurrent.TimeoutException
        || cause instanceof SocketTimeoutException
        || cause instanceof io.netty.channel.ConnectTimeoutException;
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException
            || cause instanceof ExecutionException
            || cause instanceof UnprocessedRequestException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static String describe(Throwable cause) {
    String message = cause.getMessage();
    return message == null || message.isBlank()
        ? cause.getClass().getSimpleName()
        : cause.getClass().getSimpleName() + ": " + message;
  }
}
