package dev.herald.host;

import static dev.herald.core.store.jooq.Tables.AGGREGATE_SEQUENCES;
import static dev.herald.host.ApiTokens.ACME_PUBLISHER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.common.HttpStatus;
import dev.herald.core.emit.Emitter;
import dev.herald.core.emit.EventContext;
import dev.herald.core.envelope.InvalidEnvelopeException;
import dev.herald.core.identity.IdentityEvents;
import dev.herald.dispatch.grpc.IngestClient;
import dev.herald.proto.event.v1.Actor;
import dev.herald.proto.event.v1.ActorType;
import dev.herald.proto.event.v1.EventEnvelope;
import dev.herald.proto.identity.v1.UserCreated;
import dev.herald.proto.identity.v1.UserUpdated;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The remote half of the identity emitter: typed events sent by {@link IngestClient} to a real
 * Herald's ingest API, numbered there, and delivered as signed webhooks.
 */
class RemoteEmitterIT {

  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Actor ADMIN =
      Actor.newBuilder().setType(ActorType.ACTOR_TYPE_USER).setId("admin-1").build();

  @TempDir Path folder;
  @AutoClose private TestHerald herald;
  @AutoClose private WebhookReceiver receiver;
  @AutoClose private IngestClient client;
  private final Emitter emitter =
      new Emitter(Clock.systemUTC(), new SplittableRandom(5), "urn:herald:identity-service");

  @BeforeEach
  void start() {
    receiver = WebhookReceiver.start(SECRET, (path, id, attempt) -> HttpStatus.OK);
    herald =
        TestHerald.startWithApi(
            folder,
            """
            delivery:
              poll_interval: 100ms
            webhooks:
              - {id: crm, url: '%s', secret: %s, event_types: [user.*]}
            """
                .formatted(receiver.url("/crm"), SECRET),
            Clock.systemUTC());
    client = connect(ACME_PUBLISHER);
  }

  private IngestClient connect(String token) {
    return IngestClient.connect(
        "127.0.0.1", herald.server().apiPort(), token, Duration.ofSeconds(10));
  }

  private static <T> T join(CompletableFuture<T> future) {
    return future.orTimeout(30, TimeUnit.SECONDS).join();
  }

  @Test
  void typedEventsArriveSignedAndNumberedInTheirAggregatesSequence() throws Exception {
    IdentityEvents<CompletableFuture<EventEnvelope>> events =
        IdentityEvents.to(emitter.remote(client::publish));
    EventContext context = emitter.newContext("acme", ADMIN);

    EventEnvelope created =
        join(
            events.userCreated(
                context, UserCreated.newBuilder().setUserId("u1").setUsername("ada").build()));
    EventEnvelope renamed =
        join(
            events.userUpdated(
                context, UserUpdated.newBuilder().setUserId("u1").setUsername("lovelace").build()));

    assertThat(created.getSequence()).as("left to the Herald that stores it").isZero();
    await().atMost(WAIT).until(() -> receiver.delivered("/crm").size() == 2);
    assertThat(receiver.received()).allSatisfy(r -> assertThat(r.verified()).isTrue());
    List<JsonNode> bodies =
        receiver.received().stream()
            .map(WebhookReceiver.Received::body)
            .map(RemoteEmitterIT::parse)
            .toList();
    JsonNode first =
        bodies.stream()
            .filter(b -> b.get("event_id").asText().equals(created.getEventId()))
            .findFirst()
            .orElseThrow();
    JsonNode second =
        bodies.stream()
            .filter(b -> b.get("event_id").asText().equals(renamed.getEventId()))
            .findFirst()
            .orElseThrow();
    assertThat(first.get("sequence").asText()).isEqualTo("1");
    assertThat(second.get("sequence").asText()).isEqualTo("2");
    assertThat(first.get("subject").get("id").asText()).isEqualTo("u1");
    assertThat(first.get("payload").get("username").asText()).isEqualTo("ada");
    assertThat(second.get("payload").get("changed_fields").get(0).asText()).isEqualTo("username");
    assertThat(first.get("correlation_id").asText()).isEqualTo(context.correlationId());
  }

  @Test
  void publishingTheSameEventAgainStoresAndNumbersItOnce() throws Exception {
    EventEnvelope event =
        join(
            IdentityEvents.to(emitter.remote(e -> CompletableFuture.completedFuture(e)))
                .userCreated(
                    emitter.newContext("acme", ADMIN),
                    UserCreated.newBuilder().setUserId("u2").build()));

    assertThat(join(client.publish(event))).isEqualTo(event.getEventId());
    assertThat(join(client.publish(event))).isEqualTo(event.getEventId());

    await().atMost(WAIT).until(() -> receiver.delivered("/crm").contains(event.getEventId()));
    long sequence =
        herald
            .server()
            .database()
            .read(
                ctx ->
                    ctx.select(AGGREGATE_SEQUENCES.SEQUENCE)
                        .from(AGGREGATE_SEQUENCES)
                        .where(AGGREGATE_SEQUENCES.AGGREGATE_ID.eq("u2"))
                        .fetchSingle(AGGREGATE_SEQUENCES.SEQUENCE));
    assertThat(sequence).as("numbered once, though published twice").isEqualTo(1L);
  }

  @Test
  void refusalsComeBackAsTheLocalErrorsNamingTheField() {
    EventEnvelope bad =
        EventEnvelope.newBuilder()
            .setEventType("User.Created")
            .setRealmId("acme")
            .setJsonPayload("{}")
            .build();

    assertThatThrownBy(() -> join(client.publish(bad)))
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOf(InvalidEnvelopeException.class)
        .satisfies(
            e ->
                assertThat(((InvalidEnvelopeException) e).violations())
                    .anySatisfy(v -> assertThat(v.field()).isEqualTo("event_type")));

    try (IngestClient stranger = connect("not-a-token")) {
      assertThatThrownBy(() -> join(stranger.publish(bad.toBuilder().setEventType("x.y").build())))
          .cause()
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    EventEnvelope otherRealm =
        EventEnvelope.newBuilder()
            .setEventType("account.opened")
            .setRealmId("globex")
            .setJsonPayload("{}")
            .build();
    assertThatThrownBy(() -> join(client.publish(otherRealm)))
        .cause()
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
    assertThat(receiver.received()).isEmpty();
  }

  private static JsonNode parse(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
