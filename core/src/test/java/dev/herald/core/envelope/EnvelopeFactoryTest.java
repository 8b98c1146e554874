package dev.herald.core.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import dev.herald.proto.event.v1.EventEnvelope;
import dev.herald.proto.event.v1.Purpose;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EnvelopeFactoryTest {

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00.123456789Z");
  private static final String SOURCE = "urn:herald:prod:realms/acme";

  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  private final EnvelopeFactory factory =
      new EnvelopeFactory(clock, new SplittableRandom(1), SOURCE);

  @Test
  void buildsLiveJsonEnvelope() {
    EventEnvelope envelope = factory.json("user.created", "acme", "{\"user_id\":\"u-1\"}");

    assertThat(UuidV7.isUuidV7(envelope.getEventId())).isTrue();
    assertThat(envelope.getEventType()).isEqualTo("user.created");
    assertThat(envelope.getEventVersion()).isEqualTo(1);
    assertThat(envelope.getOccurredAt())
        .isEqualTo(
            Timestamp.newBuilder()
                .setSeconds(NOW.getEpochSecond())
                .setNanos(NOW.getNano())
                .build());
    assertThat(envelope.getSource()).isEqualTo(SOURCE);
    assertThat(envelope.getRealmId()).isEqualTo("acme");
    assertThat(envelope.getJsonPayload()).isEqualTo("{\"user_id\":\"u-1\"}");
    assertThat(envelope.getPurpose()).isEqualTo(Purpose.PURPOSE_LIVE);
  }

  @Test
  void stampsTheIdWithTheSameMillisecondAsOccurredAt() {
    EventEnvelope envelope = factory.json("user.created", "", "{}");

    assertThat(UUID.fromString(envelope.getEventId()).getMostSignificantBits() >>> 16)
        .isEqualTo(NOW.toEpochMilli());
  }

  @Test
  void givesEachEnvelopeANewIncreasingId() {
    String first = factory.json("user.created", "", "{}").getEventId();
    String second = factory.json("user.created", "", "{}").getEventId();

    assertThat(second).isGreaterThan(first);
  }

  @Test
  void buildsEnvelopesTheValidatorAccepts() {
    EnvelopeValidator validator = new EnvelopeValidator(clock);

    assertThat(
            validator.violations(
                factory.json("user.role.assigned", "acme", "{\"role\":\"admin\"}")))
        .isEmpty();
  }
}
