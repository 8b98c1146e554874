package dev.herald.core.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.protobuf.Any;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import dev.herald.core.envelope.EnvelopeFactory;
import dev.herald.core.envelope.EnvelopeJson;
import dev.herald.proto.event.v1.EventEnvelope;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.statistics.Statistics;

/** Every catalogue payload survives proto → webhook JSON → proto, under snake_case names. */
class IdentityPayloadJsonProperties {

  private static final EnvelopeJson WEBHOOK_JSON =
      new EnvelopeJson(IdentityEventType.payloadTypes().typeRegistry());
  private static final JsonFormat.Parser PARSER =
      JsonFormat.parser().usingTypeRegistry(IdentityEventType.payloadTypes().typeRegistry());

  private final EnvelopeFactory events =
      new EnvelopeFactory(Clock.systemUTC(), new SplittableRandom(11), "urn:herald:test");

  @Property(tries = 500)
  void payloadRoundTripsThroughTheWebhookBody(
      @ForAll("payloads") Tuple2<IdentityEventType, Message> typed)
      throws InvalidProtocolBufferException {
    IdentityEventType type = typed.get1();
    Message payload = typed.get2();
    Statistics.collect(type);
    EventEnvelope envelope =
        events.stamped(type.eventType(), 1, "acme").setProtoPayload(Any.pack(payload)).build();

    JsonObject body = JsonParser.parseString(WEBHOOK_JSON.render(envelope)).getAsJsonObject();
    JsonObject json = body.getAsJsonObject("payload");
    Any.Builder parsed = Any.newBuilder();
    PARSER.merge(json.toString(), parsed);

    assertThat(parsed.build().unpack(payload.getClass())).isEqualTo(payload);
    assertThat(json.get("@type").getAsString())
        .isEqualTo("type.googleapis.com/" + type.payloadType().messageName());
    assertThat(json.keySet()).isEqualTo(expectedKeys(payload));
  }

  /** {@code @type}, every field without presence, and the optional fields that are set. */
  private static Set<String> expectedKeys(Message payload) {
    Set<String> keys = new HashSet<>(Set.of("@type"));
    for (FieldDescriptor field : payload.getDescriptorForType().getFields()) {
      if (!field.hasPresence() || payload.hasField(field)) {
        keys.add(field.getName());
      }
    }
    return keys;
  }

  @Provide
  Arbitrary<Tuple2<IdentityEventType, Message>> payloads() {
    return Arbitraries.of(IdentityEventType.values())
        .flatMap(type -> payload(type).map(payload -> Tuple.of(type, payload)));
  }

  /**
   * Returns messages of the type's payload with every field random, optional ones sometimes unset.
   */
  private static Arbitrary<Message> payload(IdentityEventType type) {
    List<FieldDescriptor> fields = type.prototype().getDescriptorForType().getFields();
    List<Arbitrary<Object>> values = new ArrayList<>();
    for (FieldDescriptor field : fields) {
      values.add(value(field));
    }
    return Combinators.combine(values)
        .as(
            chosen -> {
              Message.Builder builder = type.prototype().newBuilderForType();
              for (int i = 0; i < fields.size(); i++) {
                if (chosen.get(i) != null) {
                  builder.setField(fields.get(i), chosen.get(i));
                }
              }
              return builder.build();
            });
  }

  private static Arbitrary<Object> value(FieldDescriptor field) {
    Arbitrary<String> text =
        Arbitraries.strings()
            .withCharRange(' ', '\uD7FF')
            .withCharRange('\uE000', '\uFFFD')
            .withChars('\u0000', '\n', '"', '\\')
            .ofMaxLength(16);
    Arbitrary<?> value =
        switch (field.getJavaType()) {
          case STRING -> field.isRepeated() ? text.list().ofMaxSize(4) : text;
          case BOOLEAN -> Arbitraries.of(true, false);
          default ->
              throw new IllegalStateException(field.getFullName() + ": no arbitrary for its type");
        };
    Arbitrary<Object> any = value.map(v -> (Object) v);
    return field.hasPresence() ? any.injectNull(0.4) : any;
  }
}
