package dev.herald.core.envelope;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.protobuf.Any;
import com.google.protobuf.BoolValue;
import com.google.protobuf.Int64Value;
import com.google.protobuf.StringValue;
import com.google.protobuf.Timestamp;
import com.google.protobuf.TypeRegistry;
import dev.herald.proto.event.v1.Actor;
import dev.herald.proto.event.v1.ActorType;
import dev.herald.proto.event.v1.EventEnvelope;
import dev.herald.proto.event.v1.Purpose;
import dev.herald.proto.event.v1.Subject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.arbitraries.StringArbitrary;

/** Generators of valid envelopes, as judged by a validator whose clock reads {@link #NOW}. */
final class EnvelopeArbitraries {

  /** The time the validator's clock reads; generated envelopes occurred at or before it. */
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  /** The payload message types generated {@code proto_payload}s hold. */
  static final TypeRegistry PAYLOAD_TYPES =
      TypeRegistry.newBuilder()
          .add(StringValue.getDescriptor())
          .add(Int64Value.getDescriptor())
          .add(BoolValue.getDescriptor())
          .add(Timestamp.getDescriptor())
          .add(Actor.getDescriptor())
          .add(Subject.getDescriptor())
          .build();

  private static final String HEX = "0123456789abcdef";
  private static final String KEY_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789_.-";
  private static final long MIN_SECONDS = -62_135_596_800L; // 0001-01-01T00:00:00Z

  private EnvelopeArbitraries() {}

  /** Returns valid envelopes of every shape: optional fields set or not, JSON or typed payloads. */
  static Arbitrary<EventEnvelope> validEnvelopes() {
    Arbitrary<EventEnvelope> heads =
        Combinators.combine(
                uuidV7s(),
                eventTypes(),
                Arbitraries.integers().filter(version -> version != 0), // uint32: all but 0
                timestamps(),
                sources(),
                ids(),
                actors().injectNull(0.4),
                subjects().injectNull(0.4))
            .as(
                (id, type, version, time, source, realm, actor, subject) -> {
                  EventEnvelope.Builder envelope =
                      EventEnvelope.newBuilder()
                          .setEventId(id)
                          .setEventType(type)
                          .setEventVersion(version)
                          .setOccurredAt(time)
                          .setSource(source)
                          .setRealmId(realm);
                  if (actor != null) {
                    envelope.setActor(actor);
                  }
                  if (subject != null) {
                    envelope.setSubject(subject);
                  }
                  return envelope.build();
                });
    Arbitrary<EventEnvelope> tails =
        Combinators.combine(
                Arbitraries.longs(), // uint64: every bit pattern
                ids(),
                Arbitraries.oneOf(Arbitraries.just(""), uuidV7s()),
                traceparents(),
                Arbitraries.of("", "vendor=opaque", "a=1,b=2"),
                Arbitraries.maps(attributeKeys(), anyText(100)).ofMaxSize(6),
                Arbitraries.of(Purpose.class).filter(purpose -> purpose != Purpose.UNRECOGNIZED))
            .as(
                (sequence, correlation, causation, traceparent, tracestate, attributes, purpose) ->
                    EventEnvelope.newBuilder()
                        .setSequence(sequence)
                        .setCorrelationId(correlation)
                        .setCausationId(causation)
                        .setTraceparent(traceparent)
                        .setTracestate(tracestate)
                        .putAllAttributes(attributes)
                        .setPurpose(purpose)
                        .build());
    return Combinators.combine(heads, tails, payloads())
        .as((head, tail, payload) -> payload.apply(head.toBuilder().mergeFrom(tail)).build());
  }

  /** Returns UUIDv7s built from random bits, not by the generator under test. */
  static Arbitrary<String> uuidV7s() {
    return Combinators.combine(
            Arbitraries.longs().between(0, (1L << 48) - 1),
            Arbitraries.longs().between(0, (1L << 12) - 1),
            Arbitraries.longs())
        .as(
            (millis, randA, randB) ->
                new UUID((millis << 16) | 0x7000 | randA, Long.MIN_VALUE | (randB >>> 2))
                    .toString());
  }

  /** Returns event types of one to four segments. */
  static Arbitrary<String> eventTypes() {
    Arbitrary<String> segments =
        Combinators.combine(
                Arbitraries.chars().range('a', 'z'),
                Arbitraries.strings()
                    .withCharRange('a', 'z')
                    .withChars("0123456789_")
                    .ofMaxLength(12))
            .as((first, rest) -> first + rest);
    return segments.list().ofMinSize(1).ofMaxSize(4).map(list -> String.join(".", list));
  }

  /** Returns JSON texts as Gson writes them, so re-rendering a parsed copy gives the same text. */
  static Arbitrary<String> jsonTexts() {
    return json(3).map(JsonElement::toString);
  }

  private static Arbitrary<Timestamp> timestamps() {
    return Combinators.combine(
            Arbitraries.longs().between(MIN_SECONDS, NOW.getEpochSecond()),
            Arbitraries.integers().between(0, 999_999_999))
        .as((seconds, nanos) -> Timestamp.newBuilder().setSeconds(seconds).setNanos(nanos).build());
  }

  private static Arbitrary<String> sources() {
    return Arbitraries.oneOf(
        Arbitraries.of("", "https://idp.example.com/events", "/relative/emitter", "urn:x"),
        Arbitraries.strings()
            .alpha()
            .numeric()
            .ofMinLength(1)
            .ofMaxLength(20)
            .map(realm -> "urn:herald:prod:realms/" + realm));
  }

  /** Returns id-like text: printable, possibly empty, at most 64 chars. */
  private static Arbitrary<String> ids() {
    return Arbitraries.oneOf(
        Arbitraries.just(""),
        Arbitraries.strings().alpha().numeric().withChars("-_:.").ofMaxLength(40),
        printableText(64));
  }

  private static Arbitrary<Actor> actors() {
    return Combinators.combine(
            Arbitraries.of(ActorType.class).filter(type -> type != ActorType.UNRECOGNIZED),
            ids(),
            ids(),
            Arbitraries.of("", "127.0.0.1", "2001:db8::1"))
        .as(
            (type, id, client, ip) ->
                Actor.newBuilder().setType(type).setId(id).setClientId(client).setIp(ip).build());
  }

  private static Arbitrary<Subject> subjects() {
    return Combinators.combine(Arbitraries.of("user", "group", "role", ""), ids())
        .as((type, id) -> Subject.newBuilder().setType(type).setId(id).build());
  }

  private static Arbitrary<String> traceparents() {
    Arbitrary<String> traceId = hex(32).filter(id -> !id.equals("0".repeat(32)));
    Arbitrary<String> spanId = hex(16).filter(id -> !id.equals("0".repeat(16)));
    Arbitrary<String> present =
        Combinators.combine(traceId, spanId, hex(2))
            .as((trace, span, flags) -> "00-" + trace + "-" + span + "-" + flags);
    return Arbitraries.oneOf(Arbitraries.just(""), present);
  }

  private static Arbitrary<String> hex(int length) {
    return Arbitraries.strings().withChars(HEX).ofLength(length);
  }

  private static Arbitrary<String> attributeKeys() {
    return Arbitraries.strings().withChars(KEY_CHARS).ofMinLength(1).ofMaxLength(64);
  }

  /** A payload setter, so the payload generator stays independent of the rest of the envelope. */
  private interface PayloadSetter {
    EventEnvelope.Builder apply(EventEnvelope.Builder envelope);
  }

  private static Arbitrary<PayloadSetter> payloads() {
    Arbitrary<PayloadSetter> json =
        jsonTexts().map(text -> envelope -> envelope.setJsonPayload(text));
    Arbitrary<PayloadSetter> typed =
        typedPayloads().map(any -> envelope -> envelope.setProtoPayload(any));
    return Arbitraries.oneOf(json, typed);
  }

  private static Arbitrary<Any> typedPayloads() {
    return Arbitraries.oneOf(
        anyText(40).map(text -> Any.pack(StringValue.of(text))),
        Arbitraries.longs().map(number -> Any.pack(Int64Value.of(number))),
        Arbitraries.of(true, false).map(flag -> Any.pack(BoolValue.of(flag))),
        timestamps().map(Any::pack),
        actors().map(Any::pack),
        subjects().map(Any::pack));
  }

  private static Arbitrary<JsonElement> json(int depth) {
    Arbitrary<JsonElement> scalars =
        Arbitraries.oneOf(
            Arbitraries.just(JsonNull.INSTANCE),
            Arbitraries.of(true, false).map(JsonPrimitive::new),
            Arbitraries.longs().map(JsonPrimitive::new),
            Arbitraries.bigDecimals()
                .between(new java.math.BigDecimal("-1e9"), new java.math.BigDecimal("1e9"))
                .ofScale(3)
                .map(JsonPrimitive::new),
            anyText(30).map(JsonPrimitive::new));
    if (depth == 0) {
      return scalars;
    }
    Arbitrary<JsonElement> inner = Arbitraries.lazy(() -> json(depth - 1));
    Arbitrary<JsonElement> arrays = inner.list().ofMaxSize(4).map(EnvelopeArbitraries::array);
    Arbitrary<JsonElement> objects =
        Arbitraries.maps(anyText(12), inner).ofMaxSize(4).map(EnvelopeArbitraries::object);
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(2, scalars),
        net.jqwik.api.Tuple.of(1, arrays),
        net.jqwik.api.Tuple.of(2, objects));
  }

  private static JsonElement array(List<JsonElement> elements) {
    JsonArray array = new JsonArray();
    elements.forEach(array::add);
    return array;
  }

  private static JsonElement object(Map<String, JsonElement> members) {
    JsonObject object = new JsonObject();
    members.forEach(object::add);
    return object;
  }

  /** Returns text of any UTF-16 code units but lone surrogates, which protobuf cannot encode. */
  private static Arbitrary<String> anyText(int maxLength) {
    StringArbitrary text =
        Arbitraries.strings()
            .withCharRange('\u0000', '\ud7ff')
            .withCharRange('\ue000', '\uffff')
            .ofMaxLength(maxLength);
    return Arbitraries.oneOf(text, Arbitraries.of("😀 ünïcødé 𝄞", "<&>'\"\\", "\u2028\u2029"));
  }

  /** Returns text without control characters, as ids must be. */
  private static Arbitrary<String> printableText(int maxLength) {
    return Arbitraries.strings()
        .withCharRange(' ', '~')
        .withCharRange('\u00a0', '\ud7ff')
        .withCharRange('\ue000', '\uffff')
        .ofMaxLength(maxLength);
  }
}
