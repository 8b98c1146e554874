package dev.herald.core.envelope;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import dev.herald.proto.event.v1.Actor;
import dev.herald.proto.event.v1.ActorType;
import dev.herald.proto.event.v1.EventEnvelope;
import dev.herald.proto.event.v1.Purpose;
import dev.herald.proto.event.v1.Subject;
import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import io.cloudevents.SpecVersion;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a CloudEvent into the envelope it carries, for {@link CloudEvents#toEnvelope}: every
 * problem found is reported at once, each naming its attribute.
 */
final class CloudEventReader {

  private CloudEventReader() {}

  /** Returns the envelope {@code event} carries; see {@link CloudEvents#toEnvelope}. */
  static EventEnvelope read(CloudEvent event) {
    requireNonNull(event, "event");
    Problems problems = new Problems();
    EventEnvelope.Builder envelope = EventEnvelope.newBuilder();
    if (event.getSpecVersion() != SpecVersion.V1) {
      problems.add("specversion", event.getSpecVersion().toString() + " (expected: 1.0)");
    }
    envelope.setEventId(problems.present("id", event.getId()));
    envelope.setEventType(problems.present("type", event.getType()));
    envelope.setSource(
        problems.present(
            "source", event.getSource() == null ? null : event.getSource().toString()));
    if (event.getTime() != null) {
      Instant at = event.getTime().toInstant();
      envelope.setOccurredAt(
          Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()));
    }
    payload(event, envelope, problems);
    Map<String, String> attributes = new LinkedHashMap<>();
    Actor.Builder actor = null;
    String subjectType = null;
    String partitionKey = null;
    for (String name : event.getExtensionNames()) {
      Object value = event.getExtension(name);
      String text = CloudEvents.text(value);
      switch (name) {
        case CloudEvents.REALM -> envelope.setRealmId(text);
        case CloudEvents.VERSION -> envelope.setEventVersion(problems.version(value));
        case CloudEvents.AUTH_TYPE -> actor = actorOf(actor).setType(problems.actorType(text));
        case CloudEvents.AUTH_ID -> actor = actorOf(actor).setId(text);
        case CloudEvents.AUTH_CLIENT -> actor = actorOf(actor).setClientId(text);
        case CloudEvents.AUTH_IP -> actor = actorOf(actor).setIp(text);
        case CloudEvents.SUBJECT_TYPE -> subjectType = text;
        case CloudEvents.PARTITION_KEY -> partitionKey = text;
        case CloudEvents.SEQUENCE -> envelope.setSequence(problems.sequence(text));
        case CloudEvents.CORRELATION -> envelope.setCorrelationId(text);
        case CloudEvents.CAUSATION -> envelope.setCausationId(text);
        case CloudEvents.TRACEPARENT -> envelope.setTraceparent(text);
        case CloudEvents.TRACESTATE -> envelope.setTracestate(text);
        case CloudEvents.PURPOSE -> envelope.setPurpose(problems.purpose(text));
        case CloudEvents.ATTRIBUTES -> attributes.putAll(problems.packedAttributes(text));
        default -> attributes.put(name, text);
      }
    }
    if (actor != null) {
      envelope.setActor(actor);
    }
    String subjectId = event.getSubject();
    boolean derivedKey =
        partitionKey != null
            && partitionKey.equals(
                CloudEvents.partitionKey(
                    subjectType == null ? "" : subjectType, subjectId == null ? "" : subjectId));
    if (partitionKey != null && !derivedKey) {
      // A publisher's own partition key, not the one Herald derives from the subject: keep it.
      attributes.put(CloudEvents.PARTITION_KEY, partitionKey);
    }
    if (subjectId != null || subjectType != null || derivedKey) {
      envelope.setSubject(
          Subject.newBuilder()
              .setType(subjectType == null ? "" : subjectType)
              .setId(subjectId == null ? "" : subjectId));
    }
    envelope.putAllAttributes(attributes);
    problems.throwIfAny();
    return envelope.build();
  }

  private static void payload(CloudEvent event, EventEnvelope.Builder envelope, Problems problems) {
    CloudEventData data = event.getData();
    String contentType = event.getDataContentType();
    byte[] bytes = data == null ? new byte[0] : data.toBytes();
    if (contentType == null) {
      // The spec: without datacontenttype, data is CloudEvents.JSON (structured mode writes it as
      // such). No
      // data, or empty data, is no payload.
      if (bytes.length > 0) {
        envelope.setJsonPayload(new String(bytes, StandardCharsets.UTF_8));
      }
      return;
    }
    String mediaType = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    if (mediaType.equals(CloudEvents.JSON)
        || mediaType.endsWith("+json")
        || mediaType.equals("text/json")) {
      if (bytes.length > 0) {
        envelope.setJsonPayload(new String(bytes, StandardCharsets.UTF_8));
      }
    } else if (mediaType.equals(CloudEvents.PROTOBUF)
        || mediaType.equals("application/x-protobuf")) {
      if (event.getDataSchema() == null) {
        problems.add(
            "dataschema",
            "missing (expected: the payload's type URL when datacontenttype is "
                + CloudEvents.PROTOBUF
                + ")");
        return;
      }
      envelope.setProtoPayload(
          Any.newBuilder()
              .setTypeUrl(event.getDataSchema().toString())
              .setValue(ByteString.copyFrom(bytes)));
    } else {
      problems.add(
          "datacontenttype",
          FieldViolation.quote(contentType)
              + " is not supported (expected: "
              + CloudEvents.JSON
              + ", a +json type, or "
              + CloudEvents.PROTOBUF
              + ")");
    }
  }

  private static Actor.Builder actorOf(Actor.Builder actor) {
    return actor == null ? Actor.newBuilder() : actor;
  }

  /** The problems found in one CloudEvent, each naming its attribute. */
  private static final class Problems {
    private final List<FieldViolation> found = new ArrayList<>();

    void add(String attribute, String reason) {
      found.add(new FieldViolation(attribute, reason));
    }

    String present(String attribute, String value) {
      if (value == null || value.isEmpty()) {
        add(attribute, "missing (expected: every CloudEvent has one)");
        return "";
      }
      return value;
    }

    int version(Object value) {
      try {
        long version =
            value instanceof Number number
                ? number.longValue()
                : Long.parseLong(CloudEvents.text(value));
        if (version >= 1 && version <= 0xFFFF_FFFFL) {
          return (int) version;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      add(
          CloudEvents.VERSION,
          FieldViolation.quote(CloudEvents.text(value))
              + " (expected: a whole number 1..4294967295)");
      return 0;
    }

    long sequence(String text) {
      try {
        return Long.parseUnsignedLong(text);
      } catch (NumberFormatException e) {
        add(
            CloudEvents.SEQUENCE,
            FieldViolation.quote(text) + " (expected: a whole number 0..2^64-1)");
        return 0;
      }
    }

    ActorType actorType(String text) {
      for (Map.Entry<ActorType, String> type : CloudEvents.AUTH_TYPES.entrySet()) {
        if (type.getValue().equals(text)) {
          return type.getKey();
        }
      }
      add(
          CloudEvents.AUTH_TYPE,
          FieldViolation.quote(text)
              + " (expected: one of user, service_account, app_user, system, api_key, unknown)");
      return ActorType.ACTOR_TYPE_UNSPECIFIED;
    }

    Purpose purpose(String text) {
      for (Purpose purpose : Purpose.values()) {
        if (purpose != Purpose.UNRECOGNIZED
            && purpose != Purpose.PURPOSE_UNSPECIFIED
            && CloudEvents.purposeName(purpose).equals(text)) {
          return purpose;
        }
      }
      add(CloudEvents.PURPOSE, FieldViolation.quote(text) + " (expected: live, test or replay)");
      return Purpose.PURPOSE_UNSPECIFIED;
    }

    Map<String, String> packedAttributes(String text) {
      try {
        return StringMapJson.read(text, CloudEvents.ATTRIBUTES);
      } catch (IllegalArgumentException e) {
        add(CloudEvents.ATTRIBUTES, "not a CloudEvents.JSON object of strings");
        return Map.of();
      }
    }

    void throwIfAny() {
      if (!found.isEmpty()) {
        throw new InvalidEnvelopeException(found);
      }
    }
  }
}
