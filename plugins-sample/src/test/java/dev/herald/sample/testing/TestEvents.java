package dev.herald.sample.testing;

import com.google.protobuf.Timestamp;
import dev.herald.proto.event.v1.EventEnvelope;
import dev.herald.proto.event.v1.Purpose;
import dev.herald.proto.event.v1.Subject;
import dev.herald.proto.plugin.v1.DeliverRequest;

/** Events and delivery requests the sample plugins' tests deliver. */
public final class TestEvents {

  private TestEvents() {}

  /** Returns a {@code user.created} envelope for user {@code u1} with a JSON payload. */
  public static EventEnvelope userCreated(String eventId) {
    return EventEnvelope.newBuilder()
        .setEventId(eventId)
        .setEventType("user.created")
        .setEventVersion(1)
        .setOccurredAt(Timestamp.newBuilder().setSeconds(1_767_225_600L))
        .setSource("urn:herald:test:realms/acme")
        .setRealmId("acme")
        .setSubject(Subject.newBuilder().setType("user").setId("u1"))
        .setSequence(1)
        .setJsonPayload("{\"user_id\":\"u1\"}")
        .setPurpose(Purpose.PURPOSE_LIVE)
        .build();
  }

  /** Returns attempt {@code attempt} of delivery {@code deliveryId} of {@code envelope}. */
  public static DeliverRequest delivery(String deliveryId, int attempt, EventEnvelope envelope) {
    return DeliverRequest.newBuilder()
        .setDeliveryId(deliveryId)
        .setAttempt(attempt)
        .setEnvelope(envelope)
        .build();
  }
}
