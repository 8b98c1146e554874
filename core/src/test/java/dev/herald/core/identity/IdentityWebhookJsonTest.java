package dev.herald.core.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import com.google.protobuf.Any;
import com.google.protobuf.Timestamp;
import dev.herald.core.envelope.EnvelopeJson;
import dev.herald.proto.event.v1.Actor;
import dev.herald.proto.event.v1.ActorType;
import dev.herald.proto.event.v1.EventEnvelope;
import dev.herald.proto.event.v1.Purpose;
import dev.herald.proto.event.v1.Subject;
import dev.herald.proto.identity.v1.UserCreated;
import dev.herald.proto.identity.v1.UserUpdated;
import org.junit.jupiter.api.Test;

/** The webhook bodies of identity events have the shape the README documents, key for key. */
class IdentityWebhookJsonTest {

  private static final EnvelopeJson WEBHOOK_JSON =
      new EnvelopeJson(IdentityEventType.payloadTypes().typeRegistry());

  private static EventEnvelope.Builder envelope(String type, long sequence) {
    return EventEnvelope.newBuilder()
        .setEventId("019a3c5e-1f00-7a2b-8c3d-4e5f60718293")
        .setEventType(type)
        .setEventVersion(1)
        .setOccurredAt(Timestamp.newBuilder().setSeconds(1_767_268_800L))
        .setSource("urn:herald:identity-sample")
        .setRealmId("acme")
        .setActor(
            Actor.newBuilder().setType(ActorType.ACTOR_TYPE_USER).setId("admin").setIp("127.0.0.1"))
        .setSubject(Subject.newBuilder().setType("user").setId("u-42"))
        .setSequence(sequence)
        .setCorrelationId("019a3c5e-1f00-7a2b-8c3d-000000000001")
        .setPurpose(Purpose.PURPOSE_LIVE);
  }

  @Test
  void userCreatedHasTheDocumentedShape() {
    UserCreated ada =
        UserCreated.newBuilder()
            .setUserId("u-42")
            .setUsername("ada")
            .setEmail("ada@example.com")
            .setDisplayName("Ada Lovelace")
            .setEnabled(true)
            .build();

    String body =
        WEBHOOK_JSON.render(envelope("user.created", 1).setProtoPayload(Any.pack(ada)).build());

    assertThat(JsonParser.parseString(body))
        .isEqualTo(
            JsonParser.parseString(
                """
                {
                  "event_id": "019a3c5e-1f00-7a2b-8c3d-4e5f60718293",
                  "event_type": "user.created",
                  "event_version": 1,
                  "occurred_at": "2026-01-01T12:00:00Z",
                  "source": "urn:herald:identity-sample",
                  "realm_id": "acme",
                  "actor": {"type": "ACTOR_TYPE_USER", "id": "admin", "ip": "127.0.0.1"},
                  "subject": {"type": "user", "id": "u-42"},
                  "sequence": "1",
                  "correlation_id": "019a3c5e-1f00-7a2b-8c3d-000000000001",
                  "purpose": "PURPOSE_LIVE",
                  "payload": {
                    "@type": "type.googleapis.com/herald.identity.v1.UserCreated",
                    "user_id": "u-42",
                    "username": "ada",
                    "email": "ada@example.com",
                    "display_name": "Ada Lovelace",
                    "enabled": true,
                    "email_verified": false
                  }
                }
                """));
  }

  @Test
  void userUpdatedCarriesOnlyTheChangedFields() {
    UserUpdated change =
        UserUpdated.newBuilder()
            .setUserId("u-42")
            .addChangedFields("email")
            .addChangedFields("display_name")
            .setEmail("ada@lovelace.example")
            .setDisplayName("")
            .build();

    String body =
        WEBHOOK_JSON.render(envelope("user.updated", 2).setProtoPayload(Any.pack(change)).build());

    assertThat(JsonParser.parseString(body).getAsJsonObject().get("payload"))
        .isEqualTo(
            JsonParser.parseString(
                """
                {
                  "@type": "type.googleapis.com/herald.identity.v1.UserUpdated",
                  "user_id": "u-42",
                  "changed_fields": ["email", "display_name"],
                  "email": "ada@lovelace.example",
                  "display_name": ""
                }
                """));
  }
}
