package dev.herald.core.envelope;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.Any;
import com.google.protobuf.Timestamp;
import dev.herald.proto.event.v1.Actor;
import dev.herald.proto.event.v1.ActorType;
import dev.herald.proto.event.v1.EventEnvelope;
import dev.herald.proto.event.v1.Purpose;
import dev.herald.proto.event.v1.Subject;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Maps an envelope to a CloudEvent 1.0 and back without loss (the SDK's {@link CloudEvent}, so any
 * CloudEvents binding can write or read it). The table in the README's "CloudEvents" section is the
 * contract: {@code event_id}, {@code source}, {@code event_type}, {@code occurred_at} are {@code
 * id}, {@code source}, {@code type}, {@code time}; a JSON payload is JSON data, a typed payload is
 * its bytes as {@code application/protobuf} with its type URL as {@code dataschema}; everything
 * else is an extension. Attributes whose key is a valid extension name of their own become that
 * extension; the rest travel in {@code heraldattributes}, a JSON object.
 */
public final class CloudEvents {

  /** The content type of a JSON payload. */
  public static final String JSON = "application/json";

  /** The content type of a typed payload: the bytes of the message inside its {@code Any}. */
  public static final String PROTOBUF = "application/protobuf";

  static final String REALM = "realmid";
  static final String VERSION = "eventversion";
  static final String AUTH_TYPE = "authtype";
  static final String AUTH_ID = "authid";
  static final String AUTH_CLIENT = "authclientid";
  static final String AUTH_IP = "authip";
  static final String SUBJECT_TYPE = "subjecttype";
  static final String PARTITION_KEY = "partitionkey";
  static final String SEQUENCE = "sequence";
  static final String CORRELATION = "correlationid";
  static final String CAUSATION = "causationid";
  static final String TRACEPARENT = "traceparent";
  static final String TRACESTATE = "tracestate";
  static final String PURPOSE = "purpose";
  static final String ATTRIBUTES = "heraldattributes";

  // Names an attribute may not take as its own extension: the spec's context attributes and the
  // extensions above. Such attributes travel inside heraldattributes.
  private static final Set<String> TAKEN =
      Set.of(
          "id",
          "source",
          "specversion",
          "type",
          "datacontenttype",
          "dataschema",
          "subject",
          "time",
          "data",
          "data_base64",
          REALM,
          VERSION,
          AUTH_TYPE,
          AUTH_ID,
          AUTH_CLIENT,
          AUTH_IP,
          SUBJECT_TYPE,
          PARTITION_KEY,
          SEQUENCE,
          CORRELATION,
          CAUSATION,
          TRACEPARENT,
          TRACESTATE,
          PURPOSE,
          ATTRIBUTES);

  // The spec's extension names: lowercase letters and digits, at most 20 of them.
  private static final Pattern EXTENSION_NAME = Pattern.compile("[a-z0-9]{1,20}");

  // authtype values of the CloudEvents authcontext extension, one per actor type.
  static final Map<ActorType, String> AUTH_TYPES =
      Map.of(
          ActorType.ACTOR_TYPE_UNSPECIFIED, "unknown",
          ActorType.ACTOR_TYPE_USER, "user",
          ActorType.ACTOR_TYPE_SERVICE_ACCOUNT, "service_account",
          ActorType.ACTOR_TYPE_CLIENT, "app_user",
          ActorType.ACTOR_TYPE_SYSTEM, "system",
          ActorType.ACTOR_TYPE_API_KEY, "api_key");

  private CloudEvents() {}

  /**
   * Returns the envelope as a CloudEvent.
   *
   * @throws IllegalArgumentException naming the envelope field a CloudEvent cannot carry: an empty
   *     event_id, event_type or source, a source or type URL that is no URI
   */
  public static CloudEvent toCloudEvent(EventEnvelope envelope) {
    requireNonNull(envelope, "envelope");
    CloudEventBuilder ce =
        CloudEventBuilder.v1()
            .withId(required(envelope.getEventId(), "event_id"))
            .withType(required(envelope.getEventType(), "event_type"))
            .withSource(uri(required(envelope.getSource(), "source"), "source"));
    if (envelope.hasOccurredAt()) {
      Timestamp at = envelope.getOccurredAt();
      ce.withTime(
          OffsetDateTime.ofInstant(
              Instant.ofEpochSecond(at.getSeconds(), at.getNanos()), ZoneOffset.UTC));
    }
    switch (envelope.getPayloadCase()) {
      case JSON_PAYLOAD ->
          ce.withData(JSON, envelope.getJsonPayload().getBytes(StandardCharsets.UTF_8));
      case PROTO_PAYLOAD -> {
        Any payload = envelope.getProtoPayload();
        ce.withDataSchema(uri(payload.getTypeUrl(), "proto_payload.type_url"))
            .withData(PROTOBUF, payload.getValue().toByteArray());
      }
      case PAYLOAD_NOT_SET -> {}
    }
    extension(ce, REALM, envelope.getRealmId());
    if (envelope.getEventVersion() != 0) {
      int version = envelope.getEventVersion();
      // A CloudEvents integer is signed 32-bit; larger uint32 versions travel as text.
      if (version > 0) {
        ce.withExtension(VERSION, version);
      } else {
        ce.withExtension(VERSION, Integer.toUnsignedString(version));
      }
    }
    if (envelope.hasActor()) {
      Actor actor = envelope.getActor();
      ce.withExtension(AUTH_TYPE, AUTH_TYPES.get(actor.getType()));
      extension(ce, AUTH_ID, actor.getId());
      extension(ce, AUTH_CLIENT, actor.getClientId());
      extension(ce, AUTH_IP, actor.getIp());
    }
    if (envelope.hasSubject()) {
      Subject subject = envelope.getSubject();
      if (!subject.getId().isEmpty()) {
        ce.withSubject(subject.getId());
      }
      extension(ce, SUBJECT_TYPE, subject.getType());
      // Herald orders by subject; partitionkey says so to brokers that partition, and marks a
      // subject that is present though empty.
      ce.withExtension(PARTITION_KEY, partitionKey(subject.getType(), subject.getId()));
    }
    if (envelope.getSequence() != 0) {
      ce.withExtension(SEQUENCE, Long.toUnsignedString(envelope.getSequence()));
    }
    extension(ce, CORRELATION, envelope.getCorrelationId());
    extension(ce, CAUSATION, envelope.getCausationId());
    extension(ce, TRACEPARENT, envelope.getTraceparent());
    extension(ce, TRACESTATE, envelope.getTracestate());
    if (envelope.getPurpose() != Purpose.PURPOSE_UNSPECIFIED) {
      ce.withExtension(PURPOSE, purposeName(envelope.getPurpose()));
    }
    Map<String, String> packed = new LinkedHashMap<>();
    envelope
        .getAttributesMap()
        .forEach(
            (key, value) -> {
              if (EXTENSION_NAME.matcher(key).matches() && !TAKEN.contains(key)) {
                ce.withExtension(key, value);
              } else {
                packed.put(key, value);
              }
            });
    if (!packed.isEmpty()) {
      ce.withExtension(ATTRIBUTES, StringMapJson.write(packed));
    }
    return ce.build();
  }

  /**
   * Returns the envelope a CloudEvent carries. Extensions Herald does not know become attributes.
   *
   * @throws InvalidEnvelopeException naming each CloudEvents attribute that is missing or wrong
   *     (specversion, id, source, type, datacontenttype, dataschema, an extension's value)
   */
  public static EventEnvelope toEnvelope(CloudEvent event) {
    return CloudEventReader.read(event);
  }

  static String partitionKey(String type, String id) {
    return type + "/" + id;
  }

  static String purposeName(Purpose purpose) {
    return purpose.name().substring("PURPOSE_".length()).toLowerCase(Locale.ROOT);
  }

  private static void extension(CloudEventBuilder ce, String name, String value) {
    if (!value.isEmpty()) {
      ce.withExtension(name, value);
    }
  }

  private static String required(String value, String field) {
    if (value.isEmpty()) {
      throw new IllegalArgumentException(field + ": empty (expected: a CloudEvent needs one)");
    }
    return value;
  }

  private static URI uri(String value, String field) {
    try {
      return new URI(value);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException(
          field + ": " + FieldViolation.quote(value) + " (expected: a URI)", e);
    }
  }

  /** Returns an extension's value as text: byte values in base64, times as RFC 3339. */
  static String text(Object value) {
    return value instanceof byte[] bytes
        ? Base64.getEncoder().encodeToString(bytes)
        : String.valueOf(value);
  }
}
