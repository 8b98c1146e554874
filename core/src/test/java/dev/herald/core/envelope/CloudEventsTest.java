package dev.herald.core.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Any;
import com.google.protobuf.StringValue;
import com.google.protobuf.Timestamp;
import dev.herald.proto.event.v1.Actor;
import dev.herald.proto.event.v1.ActorType;
import dev.herald.proto.event.v1.EventEnvelope;
import dev.herald.proto.event.v1.Purpose;
import dev.herald.proto.event.v1.Subject;
import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class CloudEventsTest {

  private static final EventEnvelope ENVELOPE =
      EventEnvelope.newBuilder()
          .setEventId("0190a5b4-7c1e-7a3b-8f00-000000000001")
          .setEventType("user.created")
          .setEventVersion(2)
          .setOccurredAt(Timestamp.newBuilder().setSeconds(1_700_000_000).setNanos(123_000_000))
          .setSource("urn:herald:prod:realms/acme")
          .setRealmId("acme")
          .setActor(Actor.newBuilder().setType(ActorType.ACTOR_TYPE_USER).setId("u-1"))
          .setSubject(Subject.newBuilder().setType("user").setId("u-2"))
          .setSequence(7)
          .setCorrelationId("req-9")
          .setPurpose(Purpose.PURPOSE_LIVE)
          .setJsonPayload("{\"name\":\"Ann\"}")
          .putAttributes("tier", "gold")
          .putAttributes("x-long.key", "v")
          .build();

  @Test
  void namesTheSpecsAttributesAndHeraldsExtensions() {
    CloudEvent event = CloudEvents.toCloudEvent(ENVELOPE);

    assertThat(event.getSpecVersion()).isEqualTo(SpecVersion.V1);
    assertThat(event.getId()).isEqualTo(ENVELOPE.getEventId());
    assertThat(event.getType()).isEqualTo("user.created");
    assertThat(event.getSource()).isEqualTo(URI.create("urn:herald:prod:realms/acme"));
    assertThat(event.getTime()).isEqualTo(OffsetDateTime.parse("2023-11-14T22:13:20.123Z"));
    assertThat(event.getSubject()).isEqualTo("u-2");
    assertThat(event.getDataContentType()).isEqualTo("application/json");
    assertThat(new String(event.getData().toBytes(), StandardCharsets.UTF_8))
        .isEqualTo("{\"name\":\"Ann\"}");
    assertThat(event.getExtension("realmid")).isEqualTo("acme");
    assertThat(event.getExtension("eventversion")).isEqualTo(2);
    assertThat(event.getExtension("authtype")).isEqualTo("user");
    assertThat(event.getExtension("authid")).isEqualTo("u-1");
    assertThat(event.getExtension("subjecttype")).isEqualTo("user");
    assertThat(event.getExtension("partitionkey")).isEqualTo("user/u-2");
    assertThat(event.getExtension("sequence")).isEqualTo("7");
    assertThat(event.getExtension("correlationid")).isEqualTo("req-9");
    assertThat(event.getExtension("purpose")).isEqualTo("live");
    assertThat(event.getExtension("tier")).isEqualTo("gold");
    assertThat(event.getExtension("heraldattributes")).isEqualTo("{\"x-long.key\":\"v\"}");
  }

  @Test
  void aTypedPayloadIsItsBytesWithItsTypeUrl() {
    Any payload = Any.pack(StringValue.of("hi"));
    CloudEvent event =
        CloudEvents.toCloudEvent(ENVELOPE.toBuilder().setProtoPayload(payload).build());

    assertThat(event.getDataContentType()).isEqualTo("application/protobuf");
    assertThat(event.getDataSchema())
        .isEqualTo(URI.create("type.googleapis.com/google.protobuf.StringValue"));
    assertThat(event.getData().toBytes()).isEqualTo(payload.getValue().toByteArray());
  }

  @Test
  void aForeignEventKeepsItsExtensionsAsAttributes() {
    CloudEvent event =
        CloudEventBuilder.v1()
            .withId("e-1")
            .withSource(URI.create("https://shop.example/orders"))
            .withType("order.placed")
            .withExtension("comexampleflag", true)
            .withExtension("partitionkey", "orders-eu")
            .build();

    EventEnvelope envelope = CloudEvents.toEnvelope(event);

    assertThat(envelope.getAttributesMap())
        .containsEntry("comexampleflag", "true")
        .containsEntry("partitionkey", "orders-eu");
    assertThat(envelope.hasSubject()).isFalse();
    assertThat(envelope.getPayloadCase()).isEqualTo(EventEnvelope.PayloadCase.PAYLOAD_NOT_SET);
  }

  @Test
  void anUnknownContentTypeIsRefusedNamingIt() {
    CloudEvent event =
        minimal().withData("text/plain", "hello".getBytes(StandardCharsets.UTF_8)).build();

    assertThatThrownBy(() -> CloudEvents.toEnvelope(event))
        .isInstanceOf(InvalidEnvelopeException.class)
        .hasMessageContaining("datacontenttype: 'text/plain' is not supported");
  }

  @Test
  void aProtobufPayloadWithoutItsTypeUrlIsRefused() {
    CloudEvent event = minimal().withData("application/protobuf", new byte[] {1}).build();

    assertThatThrownBy(() -> CloudEvents.toEnvelope(event))
        .hasMessageContaining("dataschema: missing");
  }

  @Test
  void badHeraldExtensionsAreRefusedEachByName() {
    CloudEvent event =
        minimal()
            .withExtension("eventversion", "two")
            .withExtension("purpose", "later")
            .withExtension("authtype", "robot")
            .withExtension("sequence", "-1")
            .build();

    assertThatThrownBy(() -> CloudEvents.toEnvelope(event))
        .isInstanceOfSatisfying(
            InvalidEnvelopeException.class,
            e ->
                assertThat(e.violations())
                    .extracting(FieldViolation::field)
                    .containsExactlyInAnyOrder("eventversion", "purpose", "authtype", "sequence"));
  }

  @Test
  void anEnvelopeWithoutSourceCannotBeACloudEvent() {
    assertThatThrownBy(() -> CloudEvents.toCloudEvent(ENVELOPE.toBuilder().clearSource().build()))
        .hasMessage("source: empty (expected: a CloudEvent needs one)");
  }

  /** Returns a builder of an event with only the attributes every CloudEvent has. */
  private static CloudEventBuilder minimal() {
    return CloudEventBuilder.v1().withId("e-1").withSource(URI.create("/x")).withType("a.b");
  }
}
