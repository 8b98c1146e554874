package dev.herald.dispatch.http;

import static java.util.Objects.requireNonNull;

import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.common.RequestHeadersBuilder;
import dev.herald.core.envelope.TraceContext;
import dev.herald.core.webhook.WebhookEndpoint;
import dev.herald.proto.event.v1.EventEnvelope;
import java.time.Instant;

/** Builds the signed POST request of one webhook attempt, with the endpoint's static headers. */
final class WebhookRequestFactory {

  private final String userAgent;

  WebhookRequestFactory(String userAgent) {
    this.userAgent = requireNonNull(userAgent, "userAgent");
  }

  /**
   * Returns the request carrying the JSON {@code body} to the endpoint, signed at {@code
   * timestampSeconds}.
   */
  HttpRequest create(
      WebhookEndpoint endpoint, EventEnvelope envelope, byte[] body, long timestampSeconds) {
    return create(endpoint, envelope, RenderedBody.json(body), timestampSeconds);
  }

  /**
   * Returns the request carrying {@code rendered} to the endpoint, signed at {@code
   * timestampSeconds} over exactly the bytes sent, whatever the body format.
   */
  HttpRequest create(
      WebhookEndpoint endpoint,
      EventEnvelope envelope,
      RenderedBody rendered,
      long timestampSeconds) {
    byte[] body = rendered.bytes();
    String eventId = envelope.getEventId();
    RequestHeadersBuilder headers = RequestHeaders.builder(HttpMethod.POST, endpoint.url());
    // The endpoint's static headers go first, so that Herald's own, set after them, always win
    // should a reserved name ever reach a stored endpoint.
    endpoint.headers().forEach(headers::add);
    rendered.headers().forEach(headers::set);
    headers
        .contentType(rendered.contentType())
        .set(HttpHeaderNames.USER_AGENT, userAgent)
        .set(WebhookHeaders.WEBHOOK_ID, eventId)
        .set(WebhookHeaders.WEBHOOK_TIMESTAMP, Long.toString(timestampSeconds))
        .set(
            WebhookHeaders.WEBHOOK_SIGNATURE,
            WebhookSigner.webhookSignature(
                endpoint.signingSecrets(Instant.ofEpochSecond(timestampSeconds)),
                eventId,
                timestampSeconds,
                body))
        .set(
            WebhookHeaders.REAUTH_SIGNATURE,
            WebhookSigner.reauthSignature(endpoint.secret(), timestampSeconds, body))
        .set(WebhookHeaders.IDEMPOTENCY_KEY, eventId);
    String correlationId = envelope.getCorrelationId();
    if (isHeaderSafe(correlationId)) {
      headers.set(WebhookHeaders.CORRELATION_ID, correlationId);
    }
    TraceContext.of(envelope)
        .ifPresent(
            trace -> {
              headers.set(TraceContext.TRACEPARENT, trace.traceparent());
              trace.tracestate().ifPresent(state -> headers.set(TraceContext.TRACESTATE, state));
            });
    return HttpRequest.of(headers.build(), HttpData.wrap(body));
  }

  /** Returns whether a value is non-empty printable ASCII, so it cannot break the header block. */
  static boolean isHeaderSafe(String value) {
    return !value.isEmpty() && value.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
  }
}
