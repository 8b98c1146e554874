package dev.herald.dispatch.grpc;

import com.google.protobuf.Timestamp;
import dev.herald.core.dispatch.DeliveryAttempt;
import dev.herald.core.dispatch.TargetRef;
import dev.herald.proto.event.v1.Actor;
import dev.herald.proto.event.v1.ActorType;
import dev.herald.proto.event.v1.EventEnvelope;
import dev.herald.proto.event.v1.Purpose;
import dev.herald.proto.event.v1.Subject;

/** Builds delivery attempts to plugins for tests. */
final class Attempts {

  /** A fully populated envelope, so a lossy copy would show. */
  static final EventEnvelope ENVELOPE =
      EventEnvelope.newBuilder()
          .setEventId("0190a5e4-7c3b-7def-8a12-3456789abcde")
          .setEventType("user.created")
          .setEventVersion(2)
          .setOccurredAt(Timestamp.newBuilder().setSeconds(1_720_000_000).setNanos(123_000_000))
          .setSource("accounts")
          .setRealmId("acme")
          .setActor(
              Actor.newBuilder().setType(ActorType.ACTOR_TYPE_USER).setId("u-1").setIp("192.0.2.7"))
          .setSubject(Subject.newBuilder().setType("user").setId("u-42"))
          .setSequence(7)
          .setCorrelationId("corr-1")
          .setTraceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
          .setJsonPayload("{\"name\":\"Zoë\",\"emoji\":\"🦉\"}")
          .putAttributes("tenant", "acme")
          .setPurpose(Purpose.PURPOSE_LIVE)
          .build();

  private Attempts() {}

  /** Returns attempt {@code attempt} of delivery {@code deliveryId} to the plugin {@code id}. */
  static DeliveryAttempt toPlugin(String id, long deliveryId, int attempt) {
    return new DeliveryAttempt(deliveryId, attempt, new TargetRef(TargetRef.PLUGIN, id), ENVELOPE);
  }

  /** Returns a first attempt to the scripted plugin. */
  static DeliveryAttempt toPlugin() {
    return toPlugin(ScriptedPlugin.ID, 42, 1);
  }
}
