package dev.herald.host.admin;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.common.util.Exceptions;
import com.linecorp.armeria.server.AbstractHttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.herald.core.bus.BusOverflowException;
import dev.herald.core.inbound.InboundHeaders;
import dev.herald.core.inbound.InboundReceiver;
import dev.herald.core.inbound.InboundRefusal;
import dev.herald.core.store.DatabaseUnreachableException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /in/{source}}: an inbound webhook. Answers 202 with {@code {"event_id", "duplicate"}}
 * once the event is durable; a refusal gets its status and {@code {"error": "..."}}, and nothing is
 * stored. Every request is counted by source and outcome.
 */
final class InboundHttpService extends AbstractHttpService {

  /** The route it serves. */
  static final String PATH = "/in/{source}";

  private static final Logger log = LoggerFactory.getLogger(InboundHttpService.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  // Requests to sources that do not exist, or refused before the source was looked up, are counted
  // under one tag, so a scan of made-up names cannot grow the metric without bound.
  private static final String UNKNOWN_SOURCE_TAG = "unknown";

  private final InboundReceiver receiver;
  private final MeterRegistry meters;

  InboundHttpService(InboundReceiver receiver, MeterRegistry meters) {
    this.receiver = requireNonNull(receiver, "receiver");
    this.meters = requireNonNull(meters, "meters");
  }

  @Override
  protected HttpResponse doPost(ServiceRequestContext ctx, HttpRequest req) {
    String source = requireNonNull(ctx.pathParam("source"), "source");
    // LimitedBody enforces the limit, so an oversized body gets the same JSON error as the rest.
    ctx.setMaxRequestLength(0);
    LimitedBody body = new LimitedBody(receiver.maxBodyBytes());
    req.subscribe(body, ctx.eventLoop());
    return HttpResponse.of(
        body.result()
            .handleAsync(
                (bytes, failure) -> {
                  if (failure != null) {
                    return failed(source, Exceptions.peel(failure));
                  }
                  return bytes.isPresent()
                      ? receive(source, req.headers(), bytes.get())
                      : tooLarge();
                },
                ctx.blockingTaskExecutor()));
  }

  private HttpResponse receive(String source, RequestHeaders requestHeaders, byte[] body) {
    Map<String, String> headers = new LinkedHashMap<>();
    requestHeaders.forEach((name, value) -> headers.putIfAbsent(name.toString(), value));
    try {
      InboundReceiver.Received received =
          receiver.receive(source, InboundHeaders.of(headers), body);
      count(source, received.duplicate() ? "duplicate" : "accepted");
      ObjectNode answer =
          JSON.createObjectNode()
              .put("event_id", received.eventId())
              .put("duplicate", received.duplicate());
      return json(HttpStatus.ACCEPTED, answer);
    } catch (InboundRefusal e) {
      String tag = e.reason() == InboundRefusal.Reason.UNKNOWN_SOURCE ? UNKNOWN_SOURCE_TAG : source;
      count(tag, e.reason().name().toLowerCase(Locale.ROOT));
      return error(status(e.reason()), e.getMessage());
    } catch (RuntimeException e) {
      return failed(source, e);
    }
  }

  private HttpResponse tooLarge() {
    count(UNKNOWN_SOURCE_TAG, "too_large");
    return error(
        HttpStatus.REQUEST_ENTITY_TOO_LARGE,
        "body is larger than " + receiver.maxBodyBytes() + " bytes");
  }

  private HttpResponse failed(String source, Throwable failure) {
    count(source, "unavailable");
    if (failure instanceof BusOverflowException
        || failure instanceof DatabaseUnreachableException) {
      return error(HttpStatus.SERVICE_UNAVAILABLE, "Herald cannot store events now; send again");
    }
    log.error("Inbound request to source {} failed", source, failure);
    return error(HttpStatus.INTERNAL_SERVER_ERROR, "internal error; nothing was stored");
  }

  private static HttpStatus status(InboundRefusal.Reason reason) {
    return switch (reason) {
      case UNKNOWN_SOURCE -> HttpStatus.NOT_FOUND;
      case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
      case TOO_LARGE -> HttpStatus.REQUEST_ENTITY_TOO_LARGE;
      case INVALID_JSON -> HttpStatus.BAD_REQUEST;
      case INVALID_EVENT -> HttpStatus.UNPROCESSABLE_ENTITY;
    };
  }

  private void count(String source, String outcome) {
    Counter.builder("herald.inbound.requests")
        .description("Inbound webhook requests, by source and outcome")
        .tags("source", source, "outcome", outcome)
        .register(meters)
        .increment();
  }

  /** Returns {@code {"error": message}} with the status: how the plain HTTP services refuse. */
  static HttpResponse error(HttpStatus status, String message) {
    return json(status, JSON.createObjectNode().put("error", message));
  }

  /** Returns a JSON answer that no cache keeps. */
  static HttpResponse json(HttpStatus status, ObjectNode body) {
    return HttpResponse.of(
        ResponseHeaders.builder(status)
            .contentType(MediaType.JSON_UTF_8)
            .set(HttpHeaderNames.CACHE_CONTROL, "no-store")
            .build(),
        com.linecorp.armeria.common.HttpData.ofUtf8(body.toString()));
  }
}
