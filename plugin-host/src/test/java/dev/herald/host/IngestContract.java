package dev.herald.host;

import static dev.herald.core.store.jooq.Tables.EVENT_OUTBOX;
import static dev.herald.host.ApiTokens.ACME_PUBLISHER;
import static dev.herald.host.ApiTokens.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.RequestHeaders;
import dev.herald.core.envelope.EnvelopeFactory;
import dev.herald.host.ApiClients.Reply;
import dev.herald.proto.event.v1.EventEnvelope;
import dev.herald.proto.identity.v1.UserCreated;
import dev.herald.proto.ingest.v1.GetEventRequest;
import dev.herald.proto.ingest.v1.GetEventResponse;
import dev.herald.proto.ingest.v1.IngestServiceGrpc.IngestServiceBlockingStub;
import dev.herald.proto.ingest.v1.PublishBatchRequest;
import dev.herald.proto.ingest.v1.PublishRequest;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Remote publishers: publish one or a batch, idempotent by event_id, and read events back; one
 * subclass per database.
 */
abstract class IngestContract {

  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path folder;
  private final TestDatabase database;
  @AutoClose private TestHerald herald;
  @AutoClose private WebhookReceiver receiver;
  private ApiClients api;
  private IngestServiceBlockingStub ingest;
  private final EnvelopeFactory events =
      new EnvelopeFactory(Clock.systemUTC(), new SplittableRandom(), "urn:herald:remote");

  IngestContract(TestDatabase database) {
    this.database = database;
  }

  @BeforeEach
  void start() {
    receiver = WebhookReceiver.start(SECRET, (path, id, attempt) -> HttpStatus.OK);
    herald =
        TestHerald.startWithApi(
            database,
            folder,
            """
            delivery:
              poll_interval: 100ms
            webhooks:
              - {id: crm, url: '%s', secret: %s, event_types: [user.*]}
            """
                .formatted(receiver.url("/crm"), SECRET),
            Clock.systemUTC());
    api = new ApiClients(herald.apiUrl());
    ingest = api.grpc(IngestServiceBlockingStub.class, ACME_PUBLISHER);
  }

  private int stored() {
    return herald.server().database().read(ctx -> ctx.fetchCount(EVENT_OUTBOX));
  }

  @Test
  void publishesOnceByEventIdAndReadsTheEventBackOverGrpc() throws Exception {
    EventEnvelope event = events.json("user.created", "acme", "{\"user_id\":\"u1\"}");

    String id = ingest.publish(PublishRequest.newBuilder().setEvent(event).build()).getEventId();
    ingest.publish(PublishRequest.newBuilder().setEvent(event).build());

    assertThat(id).isEqualTo(event.getEventId());
    assertThat(stored()).isEqualTo(1);
    await().atMost(WAIT).until(() -> receiver.delivered("/crm").contains(id));
    GetEventResponse found = ingest.getEvent(GetEventRequest.newBuilder().setEventId(id).build());
    // The JSON form of a catalogue type is stored as its typed message.
    assertThat(found.getEvent().getProtoPayload().unpack(UserCreated.class).getUserId())
        .isEqualTo("u1");
    await()
        .atMost(WAIT)
        .until(
            () ->
                ingest
                    .getEvent(GetEventRequest.newBuilder().setEventId(id).build())
                    .getDeliveries(0)
                    .getStatus()
                    .equals("succeeded"));
    assertThat(found.getDeliveries(0).getTarget()).isEqualTo("webhook:crm");

    var batch =
        ingest.publishBatch(
            PublishBatchRequest.newBuilder()
                .addEvents(events.json("user.updated", "acme", "{}"))
                .addEvents(events.json("user.deleted", "acme", "{}"))
                .build());
    assertThat(batch.getEventIdsCount()).isEqualTo(2);
    assertThat(stored()).isEqualTo(3);
  }

  @Test
  void anEventWithoutTraceContextTakesThePublishRequestsAndPassesItOn() {
    String requestTrace = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    String ownTrace = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    Map<String, String> traceHeaders =
        Map.of("traceparent", requestTrace, "tracestate", "rojo=00f067aa0ba902b7");

    Reply untraced =
        api.rest(
            ACME_PUBLISHER,
            HttpMethod.POST,
            "/api/v1/events",
            "{\"event_type\": \"user.created\", \"realm_id\": \"acme\", \"json_payload\": \"{}\"}",
            traceHeaders);
    Reply traced =
        api.rest(
            ACME_PUBLISHER,
            HttpMethod.POST,
            "/api/v1/events",
            "{\"event_type\": \"user.created\", \"realm_id\": \"acme\", \"json_payload\": \"{}\","
                + " \"traceparent\": \"%s\"}".formatted(ownTrace),
            traceHeaders);
    String overGrpc =
        ingest
            .withInterceptors(
                MetadataUtils.newAttachHeadersInterceptor(traceMetadata(requestTrace)))
            .publish(
                PublishRequest.newBuilder()
                    .setEvent(events.json("user.created", "acme", "{}"))
                    .build())
            .getEventId();

    String untracedId = untraced.body().get("event_id").asText();
    assertThat(storedTraceparent(untracedId)).isEqualTo(requestTrace);
    assertThat(storedTraceparent(traced.body().get("event_id").asText()))
        .as("an event's own trace context wins")
        .isEqualTo(ownTrace);
    assertThat(storedTraceparent(overGrpc)).isEqualTo(requestTrace);
    await().atMost(WAIT).until(() -> receiver.delivered("/crm").contains(untracedId));
    RequestHeaders delivered =
        receiver.received().stream()
            .filter(r -> r.webhookId().equals(untracedId))
            .findFirst()
            .orElseThrow()
            .headers();
    assertThat(delivered.get("traceparent")).isEqualTo(requestTrace);
    assertThat(delivered.get("tracestate")).isEqualTo("rojo=00f067aa0ba902b7");
  }

  private String storedTraceparent(String eventId) {
    return ingest
        .getEvent(GetEventRequest.newBuilder().setEventId(eventId).build())
        .getEvent()
        .getTraceparent();
  }

  private static Metadata traceMetadata(String traceparent) {
    Metadata metadata = new Metadata();
    metadata.put(Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER), traceparent);
    return metadata;
  }

  @Test
  void publishesOverRestFillingWhatThePublisherLeftOut() {
    Reply published =
        api.post(
            ACME_PUBLISHER,
            "/api/v1/events",
            "{\"event_type\": \"user.created\", \"realm_id\": \"acme\", \"json_payload\": \"{}\"}");
    assertThat(published.status()).isEqualTo(200);
    String id = published.body().get("event_id").asText();
    assertThat(id).hasSize(36);

    Reply again =
        api.post(
            ACME_PUBLISHER,
            "/api/v1/events:batch",
            """
            {"events": [{"event_id": "%s", "event_type": "user.created", "realm_id": "acme",
                         "json_payload": "{}"}]}
            """
                .formatted(id));
    assertThat(again.status()).as("%s", again.body()).isEqualTo(200);
    assertThat(stored()).isEqualTo(1);

    Reply found = api.get(ACME_PUBLISHER, "/api/v1/events/" + id);
    assertThat(found.status()).isEqualTo(200);
    assertThat(found.body().get("event").get("source").asText()).isEqualTo("urn:herald:local");
    assertThat(found.body().get("event").get("purpose").asText()).isEqualTo("PURPOSE_LIVE");
    // The JSON payload of a catalogue type is stored typed, and REST renders it as JSON.
    assertThat(found.body().get("event").get("proto_payload").get("@type").asText())
        .isEqualTo("type.googleapis.com/herald.identity.v1.UserCreated");
    assertThat(
            api.get(ACME_PUBLISHER, "/api/v1/events/0190f5c6-0000-7000-8000-000000000000").status())
        .isEqualTo(404);
  }

  @Test
  void refusesABadBatchWholeAndOtherRealmsAndStoresNothing() {
    Reply bad =
        api.post(
            ACME_PUBLISHER,
            "/api/v1/events:batch",
            """
            {"events": [
              {"event_type": "user.created", "realm_id": "acme", "json_payload": "{}"},
              {"event_type": "User Created", "realm_id": "acme", "json_payload": "{",
               "purpose": "PURPOSE_TEST"}]}
            """);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body().get("message").asText())
        .contains("events[1].event_type")
        .contains("events[1].purpose")
        .contains("events[1].json_payload");

    StatusRuntimeException otherRealm =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                ingest.publish(
                    PublishRequest.newBuilder()
                        .setEvent(events.json("user.created", "globex", "{}"))
                        .build()));
    assertThat(otherRealm.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(api.post(null, "/api/v1/events", "{}").status()).isEqualTo(401);
    assertThat(stored()).isZero();

    // An admin token publishes too.
    assertThat(
            api.post(
                    ADMIN,
                    "/api/v1/events",
                    "{\"event_type\": \"user.created\", \"realm_id\": \"globex\", \"json_payload\": \"{}\"}")
                .status())
        .isEqualTo(200);
    assertThat(stored()).isEqualTo(1);
  }
}
