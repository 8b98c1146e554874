package dev.herald.sample.identity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.util.Exceptions;
import com.linecorp.armeria.server.ServiceRequestContext;
import com.linecorp.armeria.server.annotation.ExceptionHandlerFunction;
import java.util.Map;
import java.util.TreeSet;

/**
 * Answers a refused request with its status and {@code {"error": "<field>: <value> (expected:
 * ...)"}}: 404 for what does not exist, 409 for a taken name or an existing link, 400 for bad input
 * (including an envelope Herald's validator refuses); nothing was changed and no event emitted.
 */
final class ApiErrors implements ExceptionHandlerFunction {

  @Override
  public HttpResponse handleException(
      ServiceRequestContext ctx, HttpRequest req, Throwable thrown) {
    Throwable cause = Exceptions.peel(thrown);
    HttpStatus status;
    if (cause instanceof NotFoundException) {
      status = HttpStatus.NOT_FOUND;
    } else if (cause instanceof ConflictException) {
      status = HttpStatus.CONFLICT;
    } else if (cause instanceof IllegalArgumentException) {
      status = HttpStatus.BAD_REQUEST;
    } else {
      return ExceptionHandlerFunction.fallthrough();
    }
    return HttpResponse.ofJson(status, Map.of("error", message(cause)));
  }

  // Jackson's own messages name Java classes; a client needs the field and the body's problem.
  private static String message(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof UnrecognizedPropertyException unknown) {
        return unknown.getPropertyName()
            + ": unknown field (expected: one of "
            + new TreeSet<>(unknown.getKnownPropertyIds().stream().map(String::valueOf).toList())
            + ")";
      }
      if (t instanceof JsonProcessingException json) {
        return "body: " + json.getOriginalMessage() + " (expected: a JSON object)";
      }
    }
    return String.valueOf(cause.getMessage());
  }
}
