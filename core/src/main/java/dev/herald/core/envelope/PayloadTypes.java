package dev.herald.core.envelope;

import static dev.herald.core.envelope.FieldViolation.quote;
import static java.util.Objects.requireNonNull;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.TypeRegistry;
import com.google.protobuf.util.JsonFormat;
import dev.herald.proto.event.v1.EventEnvelope;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The typed payloads Herald knows by event type and version: an event of a known type must carry
 * its message as {@code proto_payload} (a JSON payload or another message is refused), while events
 * of unknown types may carry any payload.
 */
public final class PayloadTypes {

  private static final PayloadTypes NONE = new PayloadTypes(List.of());

  private final Map<String, Map<Integer, PayloadType>> byType = new HashMap<>();
  private final List<PayloadType> all;
  private final TypeRegistry typeRegistry;

  private PayloadTypes(Collection<PayloadType> types) {
    TypeRegistry.Builder registry = TypeRegistry.newBuilder();
    for (PayloadType type : types) {
      PayloadType earlier =
          byType
              .computeIfAbsent(type.eventType(), t -> new TreeMap<>())
              .putIfAbsent(type.eventVersion(), type);
      if (earlier != null) {
        throw new IllegalArgumentException(
            "types: "
                + type
                + " twice, "
                + earlier.messageName()
                + " and "
                + type.messageName()
                + " (expected: one message per event type and version)");
      }
      registry.add(type.descriptor());
    }
    this.all = List.copyOf(types);
    this.typeRegistry = registry.build();
  }

  /** Returns the registry of the given payload types; each type and version appears once. */
  public static PayloadTypes of(Collection<PayloadType> types) {
    return new PayloadTypes(requireNonNull(types, "types"));
  }

  /** Returns an empty registry: every event type may carry any payload. */
  public static PayloadTypes none() {
    return NONE;
  }

  /** Returns the payload of {@code eventType} at {@code eventVersion}, if the type is known. */
  public Optional<PayloadType> find(String eventType, int eventVersion) {
    return Optional.ofNullable(byType.getOrDefault(eventType, Map.of()).get(eventVersion));
  }

  /** Returns every payload type, in the order given. */
  public List<PayloadType> all() {
    return all;
  }

  /**
   * Returns a protobuf type registry of every payload message, for JSON rendering of {@code Any}.
   */
  public TypeRegistry typeRegistry() {
    return typeRegistry;
  }

  /**
   * Returns why the envelope's payload does not fit its known event type, or null when it fits, the
   * type is unknown, or there is no payload (the validator reports that on its own).
   */
  public FieldViolation violation(EventEnvelope envelope) {
    Map<Integer, PayloadType> versions = byType.get(envelope.getEventType());
    if (versions == null
        || envelope.getPayloadCase() == EventEnvelope.PayloadCase.PAYLOAD_NOT_SET) {
      return null;
    }
    PayloadType type = versions.get(envelope.getEventVersion());
    if (type == null) {
      return new FieldViolation(
          "event_version",
          Integer.toUnsignedString(envelope.getEventVersion())
              + " (expected: "
              + versions.keySet()
              + " for "
              + envelope.getEventType()
              + ")");
    }
    String expected = " (expected: proto_payload " + type.messageName() + " for " + type + ")";
    if (envelope.getPayloadCase() == EventEnvelope.PayloadCase.JSON_PAYLOAD) {
      return new FieldViolation("payload", "json_payload" + expected);
    }
    Any payload = envelope.getProtoPayload();
    String typeUrl = payload.getTypeUrl();
    String messageName = typeUrl.substring(typeUrl.lastIndexOf('/') + 1);
    if (!messageName.equals(type.messageName())) {
      return new FieldViolation("payload", "proto_payload " + quote(messageName) + expected);
    }
    try {
      type.prototype().getParserForType().parseFrom(payload.getValue());
      return null;
    } catch (InvalidProtocolBufferException e) {
      return new FieldViolation(
          "payload", "proto_payload does not parse: " + e.getMessage() + expected);
    }
  }

  /**
   * Returns the envelope with its JSON payload parsed into the typed message its known event type
   * carries, for callers that only have JSON (the CLI, REST ingest); other envelopes unchanged.
   *
   * @throws InvalidEnvelopeException naming {@code json_payload} when the JSON is not that message
   */
  public EventEnvelope withTypedPayload(EventEnvelope envelope) {
    requireNonNull(envelope, "envelope");
    if (envelope.getPayloadCase() != EventEnvelope.PayloadCase.JSON_PAYLOAD) {
      return envelope;
    }
    Optional<PayloadType> type = find(envelope.getEventType(), envelope.getEventVersion());
    if (type.isEmpty()) {
      return envelope;
    }
    Message.Builder message = type.get().prototype().newBuilderForType();
    try {
      JsonFormat.parser().merge(envelope.getJsonPayload(), message);
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      throw new InvalidEnvelopeException(
          List.of(
              new FieldViolation(
                  "json_payload",
                  quote(String.valueOf(e.getMessage()))
                      + " (expected: the JSON form of "
                      + type.get().messageName()
                      + " for "
                      + type.get()
                      + ")")));
    }
    return envelope.toBuilder().setProtoPayload(Any.pack(message.build())).build();
  }
}
