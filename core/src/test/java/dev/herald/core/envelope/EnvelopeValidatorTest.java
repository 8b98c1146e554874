package dev.herald.core.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.StringValue;
import com.google.protobuf.Timestamp;
import dev.herald.proto.event.v1.Actor;
import dev.herald.proto.event.v1.EventEnvelope;
import dev.herald.proto.event.v1.Purpose;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvelopeValidatorTest {

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final String EVENT_ID = "01960c3e-7a2b-7c4d-8e5f-0123456789ab";

  private final EnvelopeValidator validator =
      new EnvelopeValidator(Clock.fixed(NOW, ZoneOffset.UTC));

  private static EventEnvelope.Builder valid() {
    return EventEnvelope.newBuilder()
        .setEventId(EVENT_ID)
        .setEventType("user.created")
        .setEventVersion(1)
        .setOccurredAt(Timestamp.newBuilder().setSeconds(NOW.getEpochSecond() - 5))
        .setSource("urn:herald:prod:realms/acme")
        .setRealmId("acme")
        .setActor(Actor.newBuilder().setId("u-1"))
        .setCorrelationId("req-42")
        .setTraceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
        .setJsonPayload("{\"user_id\":\"u-1\",\"email\":\"a@example.com\"}")
        .putAttributes("tenant.tier", "gold")
        .setPurpose(Purpose.PURPOSE_LIVE);
  }

  private List<FieldViolation> rejected(EventEnvelope.Builder envelope) {
    InvalidEnvelopeException e =
        catchThrowableOfType(
            InvalidEnvelopeException.class, () -> validator.validate(envelope.build()));
    assertThat(e).as("validate() throws InvalidEnvelopeException").isNotNull();
    return e.violations();
  }

  @Test
  void acceptsValidEnvelope() {
    assertThatCode(() -> validator.validate(valid().build())).doesNotThrowAnyException();
    assertThat(validator.violations(valid().build())).isEmpty();
  }

  @Test
  void acceptsMinimalEnvelope() {
    EventEnvelope minimal =
        EventEnvelope.newBuilder()
            .setEventId(EVENT_ID)
            .setEventType("user.created")
            .setEventVersion(1)
            .setOccurredAt(Timestamp.newBuilder().setSeconds(NOW.getEpochSecond()))
            .setJsonPayload("null")
            .build();

    assertThat(validator.violations(minimal)).isEmpty();
  }

  @Test
  void rejectsEmptyEventId() {
    assertThat(rejected(valid().setEventId("")))
        .containsExactly(new FieldViolation("event_id", "empty (expected: a UUIDv7)"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "01960c3e-7a2b-4c4d-8e5f-0123456789ab", // version 4
        "01960c3e-7a2b-7c4d-cf5f-0123456789ab", // variant 110
        "01960C3E-7A2B-7C4D-8E5F-0123456789AB", // uppercase
        "01960c3e7a2b7c4d8e5f0123456789ab", // no dashes
        "{01960c3e-7a2b-7c4d-8e5f-0123456789ab}",
        "not-a-uuid"
      })
  void rejectsEventIdThatIsNotCanonicalUuidV7(String id) {
    assertThat(rejected(valid().setEventId(id)))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.field()).isEqualTo("event_id");
              assertThat(v.reason())
                  .isEqualTo("'" + id + "' (expected: a UUIDv7 in lowercase 8-4-4-4-12 form)");
            });
  }

  @ParameterizedTest
  @ValueSource(strings = {"User.Created", "user..created", "user.", ".user", "user created", ""})
  void rejectsBadEventTypeSyntax(String type) {
    assertThat(rejected(valid().setEventType(type)))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.field()).isEqualTo("event_type");
              assertThat(v.reason()).contains("(expected: lowercase dot-separated words");
            });
  }

  @Test
  void rejectsEventVersionZero() {
    assertThat(rejected(valid().setEventVersion(0)))
        .containsExactly(new FieldViolation("event_version", "0 (expected: >= 1)"));
  }

  @Test
  void rejectsMissingOccurredAt() {
    assertThat(rejected(valid().clearOccurredAt()))
        .containsExactly(new FieldViolation("occurred_at", "missing"));
  }

  @Test
  void rejectsOccurredAtWithNanosOutOfRange() {
    assertThat(rejected(valid().setOccurredAt(Timestamp.newBuilder().setNanos(1_000_000_000))))
        .containsExactly(
            new FieldViolation("occurred_at", "nanos 1000000000 (expected: 0 to 999999999)"));
  }

  @Test
  void rejectsOccurredAtMoreThanADayAhead() {
    long tooLate = NOW.plusSeconds(86_401).getEpochSecond();

    assertThat(rejected(valid().setOccurredAt(Timestamp.newBuilder().setSeconds(tooLate))))
        .containsExactly(
            new FieldViolation(
                "occurred_at",
                "2026-03-02T12:00:01Z (expected: at most PT24H after now, 2026-03-01T12:00:00Z)"));
  }

  @Test
  void acceptsOccurredAtUpToADayAhead() {
    long latest = NOW.plusSeconds(86_400).getEpochSecond();

    assertThat(
            validator.violations(
                valid().setOccurredAt(Timestamp.newBuilder().setSeconds(latest)).build()))
        .isEmpty();
  }

  @Test
  void rejectsMissingPayload() {
    assertThat(rejected(valid().clearPayload()))
        .containsExactly(
            new FieldViolation("payload", "missing (expected: proto_payload or json_payload)"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "{",
        "{a:1}",
        "'x'",
        "{\"a\":1} trailing",
        "[1,]",
        "NaN",
        "\"a\nb\"",
        "\"\\'\""
      })
  void rejectsJsonPayloadThatIsNotJson(String json) {
    assertThat(rejected(valid().setJsonPayload(json)))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.field()).isEqualTo("json_payload");
              assertThat(v.reason()).endsWith("(expected: one JSON value)");
            });
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"{}", "[]", "\"text\"", "42", "-1.5e3", "true", "null", " {\"a\":[1,{}]} "})
  void acceptsAnyJsonValue(String json) {
    assertThat(validator.violations(valid().setJsonPayload(json).build())).isEmpty();
  }

  @Test
  void acceptsDeeplyNestedJsonWithoutOverflowingTheStack() {
    String deep = "[".repeat(50_000) + "]".repeat(50_000);

    assertThat(validator.violations(valid().setJsonPayload(deep).build())).isEmpty();
  }

  @Test
  void rejectsJsonPayloadOverTheConfiguredSize() {
    EnvelopeValidator small =
        new EnvelopeValidator(
            Clock.fixed(NOW, ZoneOffset.UTC), EnvelopeLimits.ofDefaults().withMaxPayloadBytes(16));
    // 8 chars, 2 of them two bytes each in UTF-8: 10 bytes, then 17 bytes.
    EventEnvelope fits = valid().setJsonPayload("\"ééabcd\"").build();
    EventEnvelope tooLarge = valid().setJsonPayload("\"ééabcdefghijk\"").build();

    assertThat(small.violations(fits)).isEmpty();
    assertThat(small.violations(tooLarge))
        .containsExactly(new FieldViolation("json_payload", "17 bytes (expected: at most 16)"));
  }

  @Test
  void rejectsTypedPayloadOverTheConfiguredSize() {
    EnvelopeValidator small =
        new EnvelopeValidator(
            Clock.fixed(NOW, ZoneOffset.UTC), EnvelopeLimits.ofDefaults().withMaxPayloadBytes(16));
    Any payload = Any.pack(StringValue.of("x".repeat(20)));

    assertThat(small.violations(valid().setProtoPayload(payload).build()))
        .containsExactly(new FieldViolation("proto_payload", "22 bytes (expected: at most 16)"));
  }

  @Test
  void acceptsTypedPayload() {
    Any payload = Any.pack(StringValue.of("hello"));

    assertThat(validator.violations(valid().setProtoPayload(payload).build())).isEmpty();
  }

  @Test
  void rejectsTypedPayloadWithoutTypeUrl() {
    Any payload = Any.newBuilder().setValue(ByteString.copyFromUtf8("x")).build();

    assertThat(rejected(valid().setProtoPayload(payload)))
        .extracting(FieldViolation::field)
        .containsExactly("proto_payload.type_url");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Bad Key", "UPPER", "", "key/with/slash", "ключ"})
  void rejectsBadAttributeKey(String key) {
    assertThat(rejected(valid().putAttributes(key, "v")))
        .containsExactly(
            new FieldViolation(
                "attributes[\"" + key + "\"]",
                "invalid key (expected: 1 to 64 characters of [a-z0-9_.-])"));
  }

  @Test
  void rejectsAttributeKeyLongerThan64() {
    assertThat(rejected(valid().putAttributes("k".repeat(65), "v")))
        .extracting(FieldViolation::reason)
        .containsExactly("invalid key (expected: 1 to 64 characters of [a-z0-9_.-])");
  }

  @Test
  void rejectsTooManyAttributesAndTooLongValues() {
    EnvelopeValidator strict =
        new EnvelopeValidator(
            Clock.fixed(NOW, ZoneOffset.UTC),
            EnvelopeLimits.ofDefaults().withMaxAttributes(2).withMaxAttributeValueLength(3));

    assertThat(strict.violations(valid().putAttributes("a", "1").putAttributes("b", "2").build()))
        .containsExactly(new FieldViolation("attributes", "3 entries (expected: at most 2)"));
    assertThat(strict.violations(valid().clearAttributes().putAttributes("a", "long").build()))
        .containsExactly(
            new FieldViolation("attributes[\"a\"]", "4 characters (expected: at most 3)"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "00-00000000000000000000000000000000-00f067aa0ba902b7-01", // zero trace id
        "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01", // zero span id
        "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01", // uppercase
        "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", // unknown version
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7", // no flags
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",
        "garbage"
      })
  void rejectsBadTraceparent(String traceparent) {
    assertThat(rejected(valid().setTraceparent(traceparent)))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.field()).isEqualTo("traceparent");
              assertThat(v.reason()).contains("(expected: 00-<32 hex>-<16 hex>-<2 hex>");
            });
  }

  @Test
  void rejectsIdsWithControlCharactersOrTooLong() {
    assertThat(
            rejected(
                valid()
                    .setRealmId("ac\nme")
                    .setCorrelationId("c".repeat(257))
                    .setCausationId("x\u0000")
                    .setActor(Actor.newBuilder().setId("u\t1"))))
        .containsExactly(
            new FieldViolation("realm_id", "'ac\\u000ame' (expected: no control characters)"),
            new FieldViolation("actor.id", "'u\\u00091' (expected: no control characters)"),
            new FieldViolation("correlation_id", "257 characters (expected: at most 256)"),
            new FieldViolation("causation_id", "'x\\u0000' (expected: no control characters)"));
  }

  @Test
  void rejectsSourceThatIsNotAUri() {
    assertThat(rejected(valid().setSource("not a uri")))
        .containsExactly(
            new FieldViolation(
                "source", "'not a uri' (expected: a URI, e.g. urn:herald:prod:realms/acme)"));
  }

  @Test
  void listsEveryViolationInFieldOrder() {
    InvalidEnvelopeException e =
        catchThrowableOfType(
            InvalidEnvelopeException.class,
            () ->
                validator.validate(
                    valid()
                        .setEventId("")
                        .setEventType("User.Created")
                        .clearOccurredAt()
                        .setJsonPayload("{nope")
                        .putAttributes("Bad Key", "v")
                        .setTraceparent("00-xyz")
                        .build()));

    assertThat(e.violations())
        .extracting(FieldViolation::field)
        .containsExactly(
            "event_id",
            "event_type",
            "occurred_at",
            "traceparent",
            "json_payload",
            "attributes[\"Bad Key\"]");
    assertThat(e)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "invalid envelope: event_id: empty (expected: a UUIDv7); event_type: 'User.Created'"
                + " (expected: lowercase dot-separated words of [a-z0-9_], e.g. user.created);"
                + " occurred_at: missing; traceparent: '00-xyz'");
  }

  @Test
  void cutsLongValuesInMessages() {
    String longId = "x".repeat(200);

    assertThat(rejected(valid().setEventId(longId)))
        .extracting(FieldViolation::reason)
        .containsExactly(
            "'" + "x".repeat(64) + "...' (expected: a UUIDv7 in lowercase 8-4-4-4-12 form)");
  }
}
