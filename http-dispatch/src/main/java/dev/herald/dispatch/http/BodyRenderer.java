package dev.herald.dispatch.http;

import static java.util.Objects.requireNonNull;

import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.MediaType;
import dev.herald.core.envelope.CloudEvents;
import dev.herald.core.webhook.WebhookBodies;
import dev.herald.core.webhook.WebhookEndpoint;
import dev.herald.proto.event.v1.EventEnvelope;
import io.cloudevents.CloudEvent;
import io.cloudevents.http.HttpMessageFactory;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.rw.CloudEventRWException;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Renders what an endpoint receives of an event in its body format: Herald's JSON (transformed when
 * its subscription says so), or the event as a CloudEvent written by the SDK, in structured or
 * binary mode. CloudEvents carry the event's own data: transformations shape Herald's JSON only.
 */
final class BodyRenderer {

  private static final MediaType STRUCTURED = MediaType.parse(JsonFormat.CONTENT_TYPE);
  private static final String CE_PREFIX = "ce-";

  private final WebhookBodies bodies;
  private final JsonFormat json = new JsonFormat();

  BodyRenderer(WebhookBodies bodies) {
    this.bodies = requireNonNull(bodies, "bodies");
  }

  /**
   * Returns what the endpoint receives of the event.
   *
   * @throws dev.herald.core.rule.TransformFailedException when Herald's JSON is transformed and the
   *     transformation fails
   * @throws IllegalArgumentException when the event cannot be rendered in the endpoint's format
   */
  RenderedBody render(WebhookEndpoint endpoint, EventEnvelope envelope) {
    try {
      return switch (endpoint.bodyFormat()) {
        case HERALD -> RenderedBody.json(bodies.body(endpoint.id(), envelope));
        case CLOUDEVENTS_STRUCTURED ->
            new RenderedBody(
                json.serialize(CloudEvents.toCloudEvent(envelope)), STRUCTURED, Map.of());
        case CLOUDEVENTS_BINARY -> binary(CloudEvents.toCloudEvent(envelope));
      };
    } catch (CloudEventRWException | io.cloudevents.core.format.EventSerializationException e) {
      throw new IllegalArgumentException(
          "cannot render as " + endpoint.bodyFormat().text() + ": " + e.getMessage(), e);
    }
  }

  private static RenderedBody binary(CloudEvent event) {
    Map<String, String> headers = new LinkedHashMap<>();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    HttpMessageFactory.createWriter(headers::put, body::writeBytes).writeBinary(event);
    MediaType contentType = MediaType.JSON;
    Map<String, String> ceHeaders = new LinkedHashMap<>();
    for (Map.Entry<String, String> header : headers.entrySet()) {
      String name = header.getKey().toLowerCase(java.util.Locale.ROOT);
      if (name.equals(HttpHeaderNames.CONTENT_TYPE.toString())) {
        contentType = MediaType.parse(header.getValue());
      } else if (name.startsWith(CE_PREFIX)) {
        ceHeaders.put(name, CloudEventHeaderValues.encode(header.getValue()));
      }
    }
    return new RenderedBody(body.toByteArray(), contentType, ceHeaders);
  }
}
