package dev.herald.core.envelope;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.TypeRegistry;
import com.google.protobuf.util.JsonFormat;
import dev.herald.proto.event.v1.EventEnvelope;

/**
 * Renders an envelope as the JSON body webhooks receive: snake_case field names, RFC 3339 times, a
 * JSON payload inlined as a JSON value under {@code payload}, a typed payload rendered through the
 * type registry under {@code payload} too: its {@code @type} and every field, defaults included.
 */
public final class EnvelopeJson {

  private final JsonFormat.Printer printer;
  // A receiver should see "enabled": false, not guess from a missing key; fields with presence
  // (messages, proto3 optional) still appear only when set.
  private final JsonFormat.Printer payloadPrinter;

  /** Creates a renderer that knows the given payload message types. */
  public EnvelopeJson(TypeRegistry payloadTypes) {
    this.printer =
        JsonFormat.printer()
            .usingTypeRegistry(payloadTypes)
            .preservingProtoFieldNames()
            .omittingInsignificantWhitespace();
    this.payloadPrinter = printer.includingDefaultValueFields();
  }

  /** Creates a renderer for envelopes whose typed payloads need no registry. */
  public static EnvelopeJson withoutTypedPayloads() {
    return new EnvelopeJson(TypeRegistry.getEmptyTypeRegistry());
  }

  /**
   * Returns the webhook body for an envelope.
   *
   * @throws IllegalArgumentException when a typed payload's type is not in the registry
   */
  public String render(EventEnvelope envelope) {
    EventEnvelope withoutPayload = envelope.toBuilder().clearPayload().build();
    String payloadJson = payloadJson(envelope);
    try {
      String head = printer.print(withoutPayload);
      if (payloadJson == null) {
        return head;
      }
      // The printer renders json_payload as a string; webhooks get the JSON value itself.
      return head.equals("{}")
          ? "{\"payload\":" + payloadJson + "}"
          : head.substring(0, head.length() - 1) + ",\"payload\":" + payloadJson + "}";
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("envelope: cannot render as JSON: " + e.getMessage(), e);
    }
  }

  private String payloadJson(EventEnvelope envelope) {
    try {
      return switch (envelope.getPayloadCase()) {
        case JSON_PAYLOAD -> envelope.getJsonPayload();
        case PROTO_PAYLOAD -> payloadPrinter.print(envelope.getProtoPayload());
        case PAYLOAD_NOT_SET -> null;
      };
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException(
          "payload: type " + envelope.getProtoPayload().getTypeUrl() + " is not registered", e);
    }
  }
}
