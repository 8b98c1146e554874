package dev.herald.core.envelope;

import static dev.herald.core.envelope.FieldViolation.quote;
import static java.util.Objects.requireNonNull;

import com.google.protobuf.Any;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Timestamps;
import dev.herald.proto.event.v1.Actor;
import dev.herald.proto.event.v1.EventEnvelope;
import dev.herald.proto.event.v1.Subject;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks an envelope before Herald accepts it (ids, type, time, payload, attributes, trace context)
 * and reports every violation at once; thread-safe and cheap enough for the publishing thread.
 */
public final class EnvelopeValidator {

  private static final int MAX_ATTRIBUTE_KEY_LENGTH = 64;
  // W3C Trace Context: a tracestate of up to 512 characters must be propagated.
  private static final int MAX_TRACESTATE_LENGTH = 512;
  private static final String EXPECTED_NO_CONTROL = " (expected: no control characters)";

  private final Clock clock;
  private final EnvelopeLimits limits;
  private final PayloadTypes payloadTypes;
  private final long maxSkewMillis;

  /**
   * Creates a validator that judges {@code occurred_at} by {@code clock}, within {@code limits},
   * and requires each event type known to {@code payloadTypes} to carry its typed payload.
   */
  public EnvelopeValidator(Clock clock, EnvelopeLimits limits, PayloadTypes payloadTypes) {
    this.clock = requireNonNull(clock, "clock");
    this.limits = requireNonNull(limits, "limits");
    this.payloadTypes = requireNonNull(payloadTypes, "payloadTypes");
    this.maxSkewMillis = saturatedMillis(limits.maxClockSkew());
  }

  /** Creates a validator within {@code limits} that knows no typed payloads. */
  public EnvelopeValidator(Clock clock, EnvelopeLimits limits) {
    this(clock, limits, PayloadTypes.none());
  }

  /** Creates a validator with the default limits. */
  public EnvelopeValidator(Clock clock) {
    this(clock, EnvelopeLimits.ofDefaults());
  }

  /**
   * Returns normally when the envelope is valid.
   *
   * @throws InvalidEnvelopeException listing every violation
   */
  public void validate(EventEnvelope envelope) {
    List<FieldViolation> violations = violations(envelope);
    if (!violations.isEmpty()) {
      throw new InvalidEnvelopeException(violations);
    }
  }

  /** Returns every violation in the envelope, in field order; empty when it is valid. */
  public List<FieldViolation> violations(EventEnvelope envelope) {
    requireNonNull(envelope, "envelope");
    int maxId = limits.maxIdLength();
    List<FieldViolation> found = null;
    found = add(found, "event_id", eventIdProblem(envelope.getEventId()));
    found = add(found, "event_type", EventTypes.problem(envelope.getEventType()));
    if (envelope.getEventVersion() == 0) {
      found = add(found, "event_version", "0 (expected: >= 1)");
    }
    found = add(found, "occurred_at", occurredAtProblem(envelope));
    found = add(found, "source", sourceProblem(envelope.getSource()));
    found = add(found, "realm_id", textProblem(envelope.getRealmId(), maxId));
    if (envelope.hasActor()) {
      Actor actor = envelope.getActor();
      found = add(found, "actor.id", textProblem(actor.getId(), maxId));
      found = add(found, "actor.client_id", textProblem(actor.getClientId(), maxId));
      found = add(found, "actor.ip", textProblem(actor.getIp(), maxId));
    }
    if (envelope.hasSubject()) {
      Subject subject = envelope.getSubject();
      found = add(found, "subject.type", textProblem(subject.getType(), maxId));
      found = add(found, "subject.id", textProblem(subject.getId(), maxId));
    }
    found = add(found, "correlation_id", textProblem(envelope.getCorrelationId(), maxId));
    found = add(found, "causation_id", textProblem(envelope.getCausationId(), maxId));
    found = add(found, "traceparent", traceparentProblem(envelope.getTraceparent()));
    found = add(found, "tracestate", textProblem(envelope.getTracestate(), MAX_TRACESTATE_LENGTH));
    found = addPayloadViolations(envelope, found);
    FieldViolation payloadType = payloadTypes.violation(envelope);
    if (payloadType != null) {
      found = add(found, payloadType.field(), payloadType.reason());
    }
    found = addAttributeViolations(envelope, found);
    return found == null ? List.of() : List.copyOf(found);
  }

  private static String eventIdProblem(String id) {
    if (id.isEmpty()) {
      return "empty (expected: a UUIDv7)";
    }
    return UuidV7.isUuidV7(id)
        ? null
        : quote(id) + " (expected: a UUIDv7 in lowercase 8-4-4-4-12 form)";
  }

  private String occurredAtProblem(EventEnvelope envelope) {
    if (!envelope.hasOccurredAt()) {
      return "missing";
    }
    Timestamp time = envelope.getOccurredAt();
    if (time.getNanos() < 0 || time.getNanos() > 999_999_999) {
      return "nanos " + time.getNanos() + " (expected: 0 to 999999999)";
    }
    if (time.getSeconds() < Timestamps.MIN_VALUE.getSeconds()
        || time.getSeconds() > Timestamps.MAX_VALUE.getSeconds()) {
      return "seconds "
          + time.getSeconds()
          + " (expected: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z)";
    }
    long now = clock.millis();
    if (Timestamps.toMillis(time) - now > maxSkewMillis) {
      return Timestamps.toString(time)
          + " (expected: at most "
          + limits.maxClockSkew()
          + " after now, "
          + Instant.ofEpochMilli(now)
          + ")";
    }
    return null;
  }

  private String sourceProblem(String source) {
    if (source.isEmpty()) {
      return null;
    }
    String problem = textProblem(source, limits.maxIdLength());
    if (problem != null) {
      return problem;
    }
    try {
      new URI(source);
      return null;
    } catch (URISyntaxException e) {
      return quote(source) + " (expected: a URI, e.g. urn:herald:prod:realms/acme)";
    }
  }

  private static String traceparentProblem(String traceparent) {
    if (traceparent.isEmpty() || Traceparents.isValid(traceparent)) {
      return null;
    }
    return quote(traceparent)
        + " (expected: 00-<32 hex>-<16 hex>-<2 hex> in lowercase, ids not all zero)";
  }

  private static String textProblem(String text, int maxLength) {
    if (text.length() > maxLength) {
      return text.length() + " characters (expected: at most " + maxLength + ")";
    }
    for (int i = 0; i < text.length(); i++) {
      if (Character.isISOControl(text.charAt(i))) {
        return quote(text) + EXPECTED_NO_CONTROL;
      }
    }
    return null;
  }

  private List<FieldViolation> addPayloadViolations(
      EventEnvelope envelope, List<FieldViolation> found) {
    int maxBytes = limits.maxPayloadBytes();
    switch (envelope.getPayloadCase()) {
      case PROTO_PAYLOAD -> {
        Any payload = envelope.getProtoPayload();
        found = add(found, "proto_payload.type_url", typeUrlProblem(payload.getTypeUrl()));
        int bytes = payload.getValue().size();
        if (bytes > maxBytes) {
          found = add(found, "proto_payload", tooLarge(bytes, maxBytes));
        }
      }
      case JSON_PAYLOAD -> {
        String json = envelope.getJsonPayload();
        // Count UTF-8 bytes only when the text could be too large, and parse only when it is not.
        long bytes = json.length() * 3L > maxBytes ? utf8Length(json) : 0;
        found =
            add(
                found,
                "json_payload",
                bytes > maxBytes ? tooLarge(bytes, maxBytes) : JsonText.problem(json));
      }
      case PAYLOAD_NOT_SET ->
          found = add(found, "payload", "missing (expected: proto_payload or json_payload)");
    }
    return found;
  }

  private static String typeUrlProblem(String typeUrl) {
    int slash = typeUrl.lastIndexOf('/');
    if (slash >= 0 && slash < typeUrl.length() - 1) {
      return null;
    }
    String expected =
        " (expected: a type URL, e.g. type.googleapis.com/herald.identity.v1.UserCreated)";
    return typeUrl.isEmpty() ? "empty" + expected : quote(typeUrl) + expected;
  }

  private List<FieldViolation> addAttributeViolations(
      EventEnvelope envelope, List<FieldViolation> found) {
    int count = envelope.getAttributesCount();
    if (count == 0) {
      return found;
    }
    if (count > limits.maxAttributes()) {
      // One violation for the count, not one per entry of a possibly huge map.
      return add(
          found,
          "attributes",
          count + " entries (expected: at most " + limits.maxAttributes() + ")");
    }
    int maxValue = limits.maxAttributeValueLength();
    for (Map.Entry<String, String> attribute : envelope.getAttributesMap().entrySet()) {
      String key = attribute.getKey();
      if (!isAttributeKey(key)) {
        found =
            add(
                found,
                attributeField(key),
                "invalid key (expected: 1 to 64 characters of [a-z0-9_.-])");
      }
      int length = attribute.getValue().length();
      if (length > maxValue) {
        found =
            add(
                found,
                attributeField(key),
                length + " characters (expected: at most " + maxValue + ")");
      }
    }
    return found;
  }

  private static boolean isAttributeKey(String key) {
    if (key.isEmpty() || key.length() > MAX_ATTRIBUTE_KEY_LENGTH) {
      return false;
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-')) {
        return false;
      }
    }
    return true;
  }

  private static String attributeField(String key) {
    return "attributes[\"" + FieldViolation.escape(key) + "\"]";
  }

  private static String tooLarge(long bytes, int maxBytes) {
    return bytes + " bytes (expected: at most " + maxBytes + ")";
  }

  private static long utf8Length(String text) {
    long bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }

  private static long saturatedMillis(Duration duration) {
    try {
      return duration.toMillis();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  private static List<FieldViolation> add(
      List<FieldViolation> found, String field, String problem) {
    if (problem == null) {
      return found;
    }
    List<FieldViolation> list = found == null ? new ArrayList<>() : found;
    list.add(new FieldViolation(field, problem));
    return list;
  }
}
