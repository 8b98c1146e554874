package dev.herald.core.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import dev.herald.proto.event.v1.EventEnvelope;
import dev.herald.proto.identity.v1.GroupCreated;
import dev.herald.proto.identity.v1.UserCreated;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PayloadTypesTest {

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final UserCreated ADA =
      UserCreated.newBuilder().setUserId("u1").setUsername("ada").setEnabled(true).build();

  private final PayloadTypes types =
      PayloadTypes.of(
          List.of(new PayloadType("user.created", 1, UserCreated.getDefaultInstance())));
  private final EnvelopeValidator validator =
      new EnvelopeValidator(Clock.fixed(NOW, ZoneOffset.UTC), EnvelopeLimits.ofDefaults(), types);
  private final EnvelopeFactory events =
      new EnvelopeFactory(Clock.fixed(NOW, ZoneOffset.UTC), new SplittableRandom(3), "urn:t");

  private EventEnvelope.Builder userCreated() {
    return events.stamped("user.created", 1, "acme").setProtoPayload(Any.pack(ADA));
  }

  @Test
  void acceptsAKnownTypeCarryingItsMessage() {
    assertThat(validator.violations(userCreated().build())).isEmpty();
  }

  @Test
  void refusesAKnownTypeCarryingJsonNamingThePayloadAndTheMessageItNeeds() {
    EventEnvelope json = userCreated().setJsonPayload("{\"user_id\":\"u1\"}").build();

    assertThatThrownBy(() -> validator.validate(json))
        .isInstanceOf(InvalidEnvelopeException.class)
        .hasMessage(
            "invalid envelope: payload: json_payload (expected: proto_payload"
                + " herald.identity.v1.UserCreated for user.created v1)");
  }

  @Test
  void refusesAKnownTypeCarryingAnotherMessage() {
    EventEnvelope wrong =
        userCreated()
            .setProtoPayload(Any.pack(GroupCreated.newBuilder().setGroupId("g1").build()))
            .build();

    assertThat(validator.violations(wrong))
        .containsExactly(
            new FieldViolation(
                "payload",
                "proto_payload 'herald.identity.v1.GroupCreated' (expected: proto_payload"
                    + " herald.identity.v1.UserCreated for user.created v1)"));
  }

  @Test
  void refusesBytesThatAreNotTheMessage() {
    Any garbage =
        Any.newBuilder()
            .setTypeUrl("type.googleapis.com/herald.identity.v1.UserCreated")
            .setValue(ByteString.copyFrom(new byte[] {(byte) 0xff, 0x01}))
            .build();

    assertThat(validator.violations(userCreated().setProtoPayload(garbage).build()))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.field()).isEqualTo("payload");
              assertThat(v.reason()).startsWith("proto_payload does not parse: ");
            });
  }

  @Test
  void refusesAVersionTheRegistryDoesNotKnow() {
    assertThat(validator.violations(userCreated().setEventVersion(2).build()))
        .containsExactly(new FieldViolation("event_version", "2 (expected: [1] for user.created)"));
  }

  @Test
  void leavesUnknownTypesFreeToCarryJsonOrAnyMessage() {
    EventEnvelope json = events.json("account.opened", "", "{\"plan\":\"free\"}");
    EventEnvelope typed =
        events.stamped("account.opened", 7, "").setProtoPayload(Any.pack(ADA)).build();

    assertThat(validator.violations(json)).isEmpty();
    assertThat(validator.violations(typed)).isEmpty();
  }

  @Test
  void turnsTheJsonOfAKnownTypeIntoItsTypedPayload() {
    EventEnvelope json =
        events.json(
            "user.created", "acme", "{\"user_id\":\"u1\",\"username\":\"ada\",\"enabled\":true}");

    EventEnvelope typed = types.withTypedPayload(json);

    assertThat(typed.getProtoPayload()).isEqualTo(Any.pack(ADA));
    assertThat(typed.toBuilder().clearPayload().build())
        .isEqualTo(json.toBuilder().clearPayload().build());
    assertThat(validator.violations(typed)).isEmpty();
  }

  @Test
  void refusesJsonThatIsNotTheKnownTypesMessage() {
    EventEnvelope json = events.json("user.created", "acme", "{\"id\":\"x\"}");

    assertThatThrownBy(() -> types.withTypedPayload(json))
        .isInstanceOf(InvalidEnvelopeException.class)
        .hasMessageStartingWith("invalid envelope: json_payload: 'Cannot find field: id")
        .hasMessageEndingWith(
            "(expected: the JSON form of herald.identity.v1.UserCreated for user.created v1)");
  }

  @Test
  void leavesOtherEnvelopesAsTheyAre() {
    EventEnvelope unknown = events.json("account.opened", "", "{\"plan\":\"free\"}");
    EventEnvelope typed = userCreated().build();

    assertThat(types.withTypedPayload(unknown)).isSameAs(unknown);
    assertThat(types.withTypedPayload(typed)).isSameAs(typed);
  }

  @Test
  void refusesTwoMessagesForOneTypeAndVersion() {
    assertThatThrownBy(
            () ->
                PayloadTypes.of(
                    List.of(
                        new PayloadType("user.created", 1, UserCreated.getDefaultInstance()),
                        new PayloadType("user.created", 1, GroupCreated.getDefaultInstance()))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "types: user.created v1 twice, herald.identity.v1.UserCreated and"
                + " herald.identity.v1.GroupCreated (expected: one message per event type and"
                + " version)");
  }

  @Test
  void refusesAMalformedEventTypeOrVersion() {
    assertThatThrownBy(() -> new PayloadType("User", 1, UserCreated.getDefaultInstance()))
        .hasMessageStartingWith("eventType: 'User'");
    assertThatThrownBy(() -> new PayloadType("user.created", 0, UserCreated.getDefaultInstance()))
        .hasMessage("eventVersion: 0 (expected: >= 1)");
  }
}
