package dev.herald.core.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.herald.proto.event.v1.EventEnvelope;
import java.time.Clock;
import java.time.ZoneOffset;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class EnvelopeRoundTripProperties {

  private final EnvelopeJson envelopeJson = new EnvelopeJson(EnvelopeArbitraries.PAYLOAD_TYPES);
  private final EnvelopeValidator validator =
      new EnvelopeValidator(Clock.fixed(EnvelopeArbitraries.NOW, ZoneOffset.UTC));

  @Provide
  Arbitrary<EventEnvelope> envelopes() {
    return EnvelopeArbitraries.validEnvelopes();
  }

  @Property
  void survivesProtoBytes(@ForAll("envelopes") EventEnvelope envelope)
      throws InvalidProtocolBufferException {
    assertThat(EventEnvelope.parseFrom(envelope.toByteArray())).isEqualTo(envelope);
  }

  @Property
  void survivesWebhookJson(@ForAll("envelopes") EventEnvelope envelope)
      throws InvalidProtocolBufferException {
    String rendered = envelopeJson.render(envelope);

    assertThat(parseWebhookJson(rendered)).isEqualTo(envelope);
  }

  @Property
  void isAcceptedByTheValidator(@ForAll("envelopes") EventEnvelope envelope) {
    assertThat(validator.violations(envelope)).isEmpty();
  }

  /**
   * Inverts {@link EnvelopeJson#render}: a {@code payload} object with an {@code @type} is a typed
   * payload, any other {@code payload} value is JSON text (the generators write JSON the way Gson
   * does, so the text comes back unchanged); everything else is the envelope in proto JSON.
   */
  private static EventEnvelope parseWebhookJson(String rendered)
      throws InvalidProtocolBufferException {
    JsonObject body = JsonParser.parseString(rendered).getAsJsonObject();
    JsonElement payload = body.remove("payload");
    EventEnvelope.Builder envelope = EventEnvelope.newBuilder();
    JsonFormat.parser().merge(body.toString(), envelope);
    if (payload == null) {
      return envelope.build();
    }
    if (payload.isJsonObject() && payload.getAsJsonObject().has("@type")) {
      Any.Builder any = Any.newBuilder();
      JsonFormat.parser()
          .usingTypeRegistry(EnvelopeArbitraries.PAYLOAD_TYPES)
          .merge(payload.toString(), any);
      return envelope.setProtoPayload(any).build();
    }
    return envelope.setJsonPayload(payload.toString()).build();
  }
}
