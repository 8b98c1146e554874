package dev.herald.core.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.herald.proto.event.v1.EventEnvelope;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

class EnvelopeValidatorProperties {

  private final EnvelopeValidator validator =
      new EnvelopeValidator(Clock.fixed(EnvelopeArbitraries.NOW, ZoneOffset.UTC));

  @Provide
  Arbitrary<EventEnvelope> envelopes() {
    return EnvelopeArbitraries.validEnvelopes();
  }

  @Provide
  Arbitrary<String> junk() {
    String jsonish = "{}[]\":,\\ 0123456789.-eE+tfnulr'\n\u0001";
    // Valid JSON with one character inserted, deleted or replaced: mostly invalid, sometimes not.
    Arbitrary<String> nearlyJson =
        Combinators.combine(
                EnvelopeArbitraries.jsonTexts(),
                Arbitraries.doubles().between(0, 1),
                Arbitraries.of(jsonish.toCharArray()),
                Arbitraries.integers().between(0, 2))
            .as(
                (json, where, c, edit) -> {
                  int at = (int) (where * json.length());
                  return switch (edit) {
                    case 0 -> json.substring(0, at) + c + json.substring(at);
                    case 1 ->
                        json.substring(0, at) + json.substring(Math.min(at + 1, json.length()));
                    default ->
                        json.substring(0, at) + c + json.substring(Math.min(at + 1, json.length()));
                  };
                });
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(80),
        Arbitraries.strings().withChars(jsonish).ofMaxLength(40),
        nearlyJson,
        // Strings with raw control characters, which RFC 8259 forbids and Gson alone lets through.
        Arbitraries.strings()
            .withChars("ab\t\n\u0001\u001f")
            .ofMaxLength(4)
            .map(text -> "[\"" + text + "\"]"));
  }

  @Property
  void rejectsJunkOnlyWithInvalidEnvelopeException(
      @ForAll("envelopes") EventEnvelope valid, @ForAll("junk") String junk) {
    EventEnvelope envelope =
        valid.toBuilder()
            .setEventId(junk)
            .setEventType(junk)
            .setSource(junk)
            .setTraceparent(junk)
            .setJsonPayload(junk)
            .putAttributes(junk, junk)
            .build();

    Throwable thrown = catchThrowable(() -> validator.validate(envelope));

    assertThat(thrown).isInstanceOf(InvalidEnvelopeException.class);
    assertThat(((InvalidEnvelopeException) thrown).violations())
        .extracting(FieldViolation::field)
        .contains("event_id");
  }

  @Property
  void acceptsJsonPayloadsExactlyWhenTheyAreJson(
      @ForAll("envelopes") EventEnvelope valid, @ForAll("junk") String junk) {
    boolean json = isJson(junk);
    Statistics.label("valid JSON").collect(json);

    assertThat(validator.violations(valid.toBuilder().setJsonPayload(junk).build()))
        .extracting(FieldViolation::field)
        .containsExactlyElementsOf(json ? List.of() : List.of("json_payload"));
  }

  @Property
  void acceptsGeneratedJson(
      @ForAll("envelopes") EventEnvelope valid, @ForAll("jsonTexts") String json) {
    assertThat(validator.violations(valid.toBuilder().setJsonPayload(json).build())).isEmpty();
  }

  @Provide
  Arbitrary<String> jsonTexts() {
    return EnvelopeArbitraries.jsonTexts();
  }

  private static boolean isJson(String text) {
    return new Rfc8259Recognizer(text).isOneValue();
  }
}
