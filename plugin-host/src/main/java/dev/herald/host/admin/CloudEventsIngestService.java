package dev.herald.host.admin;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.server.AbstractHttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.herald.core.admin.AdminException;
import dev.herald.core.bus.BusOverflowException;
import dev.herald.core.envelope.CloudEvents;
import dev.herald.core.envelope.FieldViolation;
import dev.herald.core.envelope.InvalidEnvelopeException;
import dev.herald.core.store.DatabaseUnreachableException;
import dev.herald.dispatch.http.CloudEventHeaderValues;
import dev.herald.proto.event.v1.EventEnvelope;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.format.EventDeserializationException;
import io.cloudevents.http.HttpMessageFactory;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.rw.CloudEventRWException;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/cloudevents}: publishes CloudEvents 1.0 in any HTTP mode — structured ({@code
 * application/cloudevents+json}), batch ({@code application/cloudevents-batch+json}, all or none)
 * or binary ({@code ce-*} headers, the data as the body). Each event is mapped to an envelope
 * ({@link CloudEvents#toEnvelope}) and published through the ingest API's own path, so it is
 * completed, validated, deduplicated and counted against quotas the same way. Answers 200 with the
 * event ids and which were stored already; errors are {@code {"error": "..."}} naming the
 * attribute.
 */
final class CloudEventsIngestService extends AbstractHttpService {

  /** The route it serves. */
  static final String PATH = "/api/v1/cloudevents";

  private static final String BATCH = "application/cloudevents-batch+json";
  private static final String CE_PREFIX = "ce-";
  private static final Logger log = LoggerFactory.getLogger(CloudEventsIngestService.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  // How the SDK (4.0.1) words a missing attribute (structured mode, binary mode) and another
  // specversion; turned into a violation naming the attribute.
  private static final Pattern MISSING =
      Pattern.compile("Missing mandatory (\\w+) attribute|Attribute '(\\w+)' cannot be null");
  // Envelope fields as the CloudEvents attributes they map to (CloudEvents in core).
  private static final Map<String, String> ATTRIBUTE_NAMES =
      Map.of(
          "event_id", "id",
          "event_type", "type",
          "occurred_at", "time",
          "json_payload", "data",
          "proto_payload", "data",
          "payload", "data",
          "realm_id", "realmid",
          "event_version", "eventversion");
  private static final Pattern SPEC_VERSION = Pattern.compile("Invalid specversion: (\\S+)");

  private final IngestApi ingest;
  private final TokenAuthenticator authenticator;
  private final JsonFormat format = new JsonFormat();

  CloudEventsIngestService(IngestApi ingest, TokenAuthenticator authenticator) {
    this.ingest = requireNonNull(ingest, "ingest");
    this.authenticator = requireNonNull(authenticator, "authenticator");
  }

  @Override
  protected HttpResponse doPost(ServiceRequestContext ctx, HttpRequest req) {
    return HttpResponse.of(
        req.aggregate().thenApplyAsync(this::publish, ctx.blockingTaskExecutor()));
  }

  private HttpResponse publish(AggregatedHttpRequest request) {
    Authentication found =
        authenticator.identify(request.headers().get(HttpHeaderNames.AUTHORIZATION));
    if (found instanceof Authentication.Refused refused) {
      return InboundHttpService.error(HttpStatus.UNAUTHORIZED, refused.reason());
    }
    Caller caller = found.caller().orElseThrow();
    try {
      caller.requirePublishing();
      boolean batch = isBatch(request);
      List<EventEnvelope> envelopes = batch ? batch(request) : List.of(single(request));
      IngestApi.Published published =
          ingest.acceptedNotingDuplicates(caller, envelopes, batch ? "events" : "");
      return answer(published, batch);
    } catch (InvalidEnvelopeException e) {
      return InboundHttpService.error(HttpStatus.BAD_REQUEST, describe(e.violations()));
    } catch (AdminException e) {
      return refused(e);
    } catch (BusOverflowException | DatabaseUnreachableException e) {
      return InboundHttpService.error(
          HttpStatus.SERVICE_UNAVAILABLE, "Herald cannot store events now; send again");
    } catch (StatusRuntimeException e) {
      return InboundHttpService.error(
          GrpcCodes.httpStatus(e.getStatus().getCode()), e.getStatus().getDescription());
    } catch (RuntimeException e) {
      log.error("CloudEvents publish failed", e);
      return InboundHttpService.error(
          HttpStatus.INTERNAL_SERVER_ERROR, "internal error; nothing was stored");
    }
  }

  private static boolean isBatch(AggregatedHttpRequest request) {
    MediaType type = request.contentType();
    return type != null && type.nameWithoutParameters().toLowerCase(Locale.ROOT).equals(BATCH);
  }

  /** Reads one event in structured or binary mode, as the SDK's HTTP binding tells them apart. */
  private static EventEnvelope single(AggregatedHttpRequest request) {
    Map<String, String> headers = new LinkedHashMap<>();
    request
        .headers()
        .forEach(
            (name, value) -> {
              String lower = name.toString().toLowerCase(Locale.ROOT);
              headers.putIfAbsent(
                  lower,
                  lower.startsWith(CE_PREFIX) ? CloudEventHeaderValues.decode(value) : value);
            });
    CloudEvent event;
    try {
      event = HttpMessageFactory.createReader(headers, request.content().array()).toEvent();
    } catch (CloudEventRWException | EventDeserializationException | IllegalStateException e) {
      // The SDK's builder refuses a missing attribute with a bare IllegalStateException.
      throw unreadable("", e);
    }
    return CloudEvents.toEnvelope(event);
  }

  /** Reads a JSON array of structured events; a bad one is named by its index. */
  private List<EventEnvelope> batch(AggregatedHttpRequest request) {
    JsonNode array;
    try {
      array = JSON.readTree(request.content().array());
    } catch (IOException e) {
      throw invalid("body", "not JSON (expected: a JSON array of CloudEvents)");
    }
    if (array == null || !array.isArray()) {
      throw invalid("body", "not a JSON array (expected: a JSON array of CloudEvents)");
    }
    if (array.isEmpty() || array.size() > IngestApi.MAX_BATCH) {
      throw invalid("events", array.size() + " events (expected: 1.." + IngestApi.MAX_BATCH + ")");
    }
    List<EventEnvelope> envelopes = new ArrayList<>(array.size());
    List<FieldViolation> found = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      String prefix = "events[" + i + "]";
      try {
        CloudEvent event = format.deserialize(JSON.writeValueAsBytes(array.get(i)));
        envelopes.add(CloudEvents.toEnvelope(event));
      } catch (InvalidEnvelopeException e) {
        e.violations()
            .forEach(v -> found.add(new FieldViolation(prefix + "." + v.field(), v.reason())));
      } catch (CloudEventRWException
          | EventDeserializationException
          | IllegalStateException
          | IOException e) {
        found.addAll(unreadable(prefix, e).violations());
      }
    }
    if (!found.isEmpty()) {
      throw new InvalidEnvelopeException(found);
    }
    return envelopes;
  }

  /**
   * Returns the SDK's refusal of an event it cannot read (a missing id, source or type, another
   * specversion, no CloudEvent at all) as a violation of the attribute its message names.
   */
  private static InvalidEnvelopeException unreadable(String prefix, Exception e) {
    String at = prefix.isEmpty() ? "" : prefix + ".";
    if (e instanceof CloudEventRWException rw
        && rw.getKind() == CloudEventRWException.CloudEventRWExceptionKind.UNKNOWN_ENCODING) {
      return invalid(
          prefix.isEmpty() ? "cloudevent" : prefix,
          "none found (expected: content-type "
              + JsonFormat.CONTENT_TYPE
              + " or "
              + BATCH
              + ", or ce-specversion and the other ce-* headers)");
    }
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String message = String.valueOf(cause.getMessage());
    Matcher missing = MISSING.matcher(message);
    if (missing.find()) {
      String attribute = missing.group(1) != null ? missing.group(1) : missing.group(2);
      return invalid(at + attribute, "missing (expected: every CloudEvent has one)");
    }
    Matcher version = SPEC_VERSION.matcher(message);
    if (version.find()) {
      return invalid(at + "specversion", "'" + version.group(1) + "' (expected: 1.0)");
    }
    return invalid(prefix.isEmpty() ? "cloudevent" : prefix, "unreadable: " + message);
  }

  private static InvalidEnvelopeException invalid(String field, String reason) {
    return new InvalidEnvelopeException(List.of(new FieldViolation(field, reason)));
  }

  private static HttpResponse answer(IngestApi.Published published, boolean batch) {
    ObjectNode body = JSON.createObjectNode();
    if (batch) {
      ArrayNode ids = body.putArray("event_ids");
      ArrayNode duplicates = body.putArray("duplicates");
      published
          .events()
          .forEach(
              e -> {
                ids.add(e.getEventId());
                if (published.duplicates().contains(e.getEventId())) {
                  duplicates.add(e.getEventId());
                }
              });
    } else {
      String id = published.events().get(0).getEventId();
      body.put("event_id", id).put("duplicate", published.duplicates().contains(id));
    }
    return InboundHttpService.json(HttpStatus.OK, body);
  }

  private static HttpResponse refused(AdminException e) {
    if (e.kind() == AdminException.Kind.INVALID_ARGUMENT && !e.violations().isEmpty()) {
      List<FieldViolation> named =
          e.violations().stream()
              .map(v -> new FieldViolation(attributeOf(v.field()), v.reason()))
              .toList();
      return InboundHttpService.error(HttpStatus.BAD_REQUEST, describe(named));
    }
    if (e.kind() == AdminException.Kind.RESOURCE_EXHAUSTED) {
      ResponseHeaders headers =
          ResponseHeaders.builder(HttpStatus.TOO_MANY_REQUESTS)
              .contentType(MediaType.JSON_UTF_8)
              .set(
                  HttpHeaderNames.RETRY_AFTER,
                  Long.toString(e.retryAfter().map(AdminException::retryAfterSeconds).orElse(1L)))
              .build();
      return HttpResponse.of(
          headers,
          HttpData.ofUtf8(JSON.createObjectNode().put("error", e.getMessage()).toString()));
    }
    return InboundHttpService.error(HttpStatus.BAD_REQUEST, e.getMessage());
  }

  /**
   * Returns the CloudEvents attribute an envelope field the ingest path refused came from, e.g.
   * {@code events[1].event_type} is {@code events[1].type}; fields mapped to extensions of the same
   * meaning keep their envelope name.
   */
  static String attributeOf(String field) {
    int start = field.startsWith("events[") ? field.indexOf(']') + 2 : 0;
    for (Map.Entry<String, String> name : ATTRIBUTE_NAMES.entrySet()) {
      if (field.startsWith(name.getKey(), start)) {
        return field.substring(0, start)
            + name.getValue()
            + field.substring(start + name.getKey().length());
      }
    }
    return field;
  }

  private static String describe(List<FieldViolation> violations) {
    return "invalid CloudEvent: "
        + String.join("; ", violations.stream().map(FieldViolation::toString).toList());
  }
}
