package dev.herald.host;

import static dev.herald.host.ApiTokens.ACME_ADMIN;
import static dev.herald.host.ApiTokens.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.util.Timestamps;
import com.linecorp.armeria.common.HttpStatus;
import dev.herald.core.testing.SettableClock;
import dev.herald.host.ApiClients.Reply;
import dev.herald.proto.admin.v1.CreateWebhookRequest;
import dev.herald.proto.admin.v1.PauseWebhookRequest;
import dev.herald.proto.admin.v1.ReplayRequest;
import dev.herald.proto.admin.v1.ReplayResponse;
import dev.herald.proto.admin.v1.ReplayServiceGrpc.ReplayServiceBlockingStub;
import dev.herald.proto.admin.v1.ResumeWebhookRequest;
import dev.herald.proto.admin.v1.WebhookServiceGrpc.WebhookServiceBlockingStub;
import dev.herald.proto.event.v1.EventEnvelope;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replay: a dry run counts, a real run re-delivers with purpose REPLAY under a rate cap; one
 * subclass per database.
 */
abstract class ReplayContract {

  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path folder;
  private final TestDatabase database;
  @AutoClose private TestHerald herald;
  @AutoClose private WebhookReceiver receiver;
  private final SettableClock clock =
      new SettableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
  private final Instant start = clock.instant().minusSeconds(1);
  private ApiClients api;
  private WebhookServiceBlockingStub webhooks;
  private ReplayServiceBlockingStub replays;

  ReplayContract(TestDatabase database) {
    this.database = database;
  }

  @BeforeEach
  void start() {
    receiver = WebhookReceiver.start(List.of(SECRET), clock, (path, id, attempt) -> HttpStatus.OK);
    herald =
        TestHerald.startWithApi(database, folder, "delivery:\n  poll_interval: 100ms\n", clock);
    api = new ApiClients(herald.apiUrl());
    webhooks = api.grpc(WebhookServiceBlockingStub.class, ADMIN);
    replays = api.grpc(ReplayServiceBlockingStub.class, ADMIN);
    create("crm");
  }

  private void create(String id) {
    webhooks.createWebhook(
        CreateWebhookRequest.newBuilder()
            .setId(id)
            .setRealmId("acme")
            .setUrl(receiver.url("/" + id))
            .setSecret(SECRET)
            .addEventTypes("user.*")
            .build());
  }

  private List<EventEnvelope> publish(int count) {
    return herald.publishUsersCreated("acme", count);
  }

  private long replayed(String path) {
    return receiver.received().stream()
        .filter(r -> r.path().equals(path) && r.body().contains("\"purpose\":\"PURPOSE_REPLAY\""))
        .count();
  }

  /**
   * Waits until {@code count} deliveries reached the receiver and Herald recorded each as
   * succeeded: a replay skips a delivery still in flight.
   */
  private void awaitSucceeded(int count) {
    await()
        .atMost(WAIT)
        .until(
            () ->
                receiver.delivered("/crm").size() == count
                    && herald.statuses().stream().filter("succeeded"::equals).count() == count);
  }

  @Test
  void dryRunCountsAndRealRunRedeliversIncludingWhatWasHeldWhilePaused() {
    List<EventEnvelope> delivered = publish(3);
    awaitSucceeded(3);
    webhooks.pauseWebhook(PauseWebhookRequest.newBuilder().setId("crm").build());
    publish(2); // held: pending, never attempted
    await().atMost(WAIT).until(() -> herald.statuses().size() == 5);
    create("late"); // subscribes after every event: has no deliveries yet
    clock.advance(Duration.ofSeconds(1)); // the window ends now: the events lie inside it

    ReplayRequest window =
        ReplayRequest.newBuilder()
            .setFromTime(Timestamps.fromMillis(start.toEpochMilli()))
            .setRealmId("acme")
            .setRatePerSecond(2)
            .build();
    ReplayResponse dryRun = replays.replay(window.toBuilder().setDryRun(true).build());
    assertThat(dryRun.getEvents()).isEqualTo(5);
    assertThat(dryRun.getReArmed()).isEqualTo(5);
    assertThat(dryRun.getCreated()).isEqualTo(5);
    assertThat(dryRun.getDeliveries()).isEqualTo(10);
    assertThat(Timestamps.toMillis(dryRun.getLastDueAt()))
        .as("10 deliveries at 2 per second: the last is due 4.5 s from now")
        .isEqualTo(clock.millis() + 4500);
    assertThat(herald.statuses())
        .containsExactly("succeeded", "succeeded", "succeeded", "pending", "pending");

    Reply real =
        api.post(
            ADMIN,
            "/api/v1/replays",
            """
            {"from_time": "%s", "realm_id": "acme", "webhook_id": "crm",
             "event_types": ["user.*"], "rate_per_second": 1000}
            """
                .formatted(start));
    assertThat(real.status()).isEqualTo(200);
    assertThat(real.body().get("re_armed").asInt()).isEqualTo(5);
    assertThat(real.body().get("created").asInt()).isZero();
    assertThat(real.body().get("dry_run").asBoolean()).isFalse();
    clock.advance(Duration.ofSeconds(1));
    webhooks.resumeWebhook(ResumeWebhookRequest.newBuilder().setId("crm").build());

    await().atMost(WAIT).until(() -> replayed("/crm") == 5);
    assertThat(receiver.delivered("/crm"))
        .hasSize(5)
        .containsAll(delivered.stream().map(EventEnvelope::getEventId).toList());
    assertThat(receiver.received().stream().filter(r -> r.path().equals("/late"))).isEmpty();
  }

  @Test
  void replayFromAnEventIdCreatesDeliveriesForANewSubscriberPacedByTheRateCap() {
    List<EventEnvelope> events = publish(4);
    await().atMost(WAIT).until(() -> receiver.delivered("/crm").size() == 4);
    create("late");
    clock.advance(Duration.ofSeconds(1));

    ReplayResponse response =
        replays.replay(
            ReplayRequest.newBuilder()
                .setFromEventId(events.get(1).getEventId())
                .setRealmId("acme")
                .setWebhookId("late")
                .setRatePerSecond(1)
                .build());

    assertThat(response.getEvents()).isEqualTo(3);
    assertThat(response.getCreated()).isEqualTo(3);
    assertThat(Timestamps.toMillis(response.getLastDueAt())).isEqualTo(clock.millis() + 2000);
    await().atMost(WAIT).until(() -> replayed("/late") == 1);
    assertThat(replayed("/late")).as("the others are not due yet").isEqualTo(1);
    clock.advance(Duration.ofSeconds(2));
    await().atMost(WAIT).until(() -> replayed("/late") == 3);
    assertThat(replayed("/crm")).isZero();
  }

  @Test
  void aRealRunIsRecordedAndItsProgressCountsWhatArrived() {
    publish(3);
    awaitSucceeded(3);
    clock.advance(Duration.ofSeconds(1));
    String window =
        """
        {"from_time": "%s", "realm_id": "acme", "rate_per_second": 1000%s}
        """;

    Reply dryRun =
        api.post(ADMIN, "/api/v1/replays", window.formatted(start, ", \"dry_run\": true"));
    assertThat(dryRun.body().get("replay_id").asLong()).as("a dry run is not recorded").isZero();
    Reply first = api.post(ACME_ADMIN, "/api/v1/replays", window.formatted(start, ""));
    assertThat(first.status()).isEqualTo(200);
    long id = first.body().get("replay_id").asLong();
    assertThat(id).isPositive();
    clock.advance(Duration.ofSeconds(1));

    await()
        .atMost(WAIT)
        .until(
            () -> api.get(ADMIN, "/api/v1/replays/" + id).body().at("/progress/done").asBoolean());
    Reply run = api.get(ACME_ADMIN, "/api/v1/replays/" + id);
    assertThat(run.status()).isEqualTo(200);
    assertThat(run.body().get("token_name").asText()).isEqualTo("acme-ops");
    assertThat(run.body().at("/request/realm_id").asText()).isEqualTo("acme");
    assertThat(run.body().at("/result/re_armed").asInt()).isEqualTo(3);
    assertThat(run.body().at("/progress/total").asInt()).isEqualTo(3);
    assertThat(run.body().at("/progress/succeeded").asInt())
        .as("what the receiver got")
        .isEqualTo(replayed("/crm"))
        .isEqualTo(3);
    assertThat(run.body().at("/progress/waiting").asInt()).isZero();
    assertThat(run.body().at("/progress/superseded").asInt()).isZero();

    // A later run over every realm takes the deliveries over; an acme token can see neither it
    // nor its deliveries' new run.
    Reply second =
        api.post(
            ADMIN,
            "/api/v1/replays",
            """
            {"from_time": "%s", "all_realms": true, "rate_per_second": 1000}
            """
                .formatted(start));
    long secondId = second.body().get("replay_id").asLong();
    assertThat(secondId).isGreaterThan(id);
    Reply firstAgain = api.get(ACME_ADMIN, "/api/v1/replays/" + id);
    assertThat(firstAgain.body().at("/progress/superseded").asInt()).isEqualTo(3);
    assertThat(firstAgain.body().at("/progress/done").asBoolean()).isTrue();
    assertThat(api.get(ACME_ADMIN, "/api/v1/replays/" + secondId).status()).isEqualTo(403);
    assertThat(api.get(ADMIN, "/api/v1/replays/" + secondId).body().at("/progress/total").asInt())
        .isEqualTo(3);
    clock.advance(Duration.ofSeconds(1));
    await()
        .atMost(WAIT)
        .until(
            () ->
                api.get(ADMIN, "/api/v1/replays/" + secondId)
                        .body()
                        .at("/progress/succeeded")
                        .asInt()
                    == 3);
    assertThat(replayed("/crm")).isEqualTo(6);
    assertThat(ids(api.get(ACME_ADMIN, "/api/v1/replays?all_realms=true"))).containsExactly(id);
    assertThat(ids(api.get(ADMIN, "/api/v1/replays?all_realms=true")))
        .containsExactly(secondId, id);
    Reply firstPage = api.get(ADMIN, "/api/v1/replays?all_realms=true&page_size=1");
    assertThat(ids(firstPage)).containsExactly(secondId);
    assertThat(
            ids(
                api.get(
                    ADMIN,
                    "/api/v1/replays?all_realms=true&page_size=1&page_token="
                        + firstPage.body().get("next_page_token").asText())))
        .containsExactly(id);
    assertThat(api.get(ADMIN, "/api/v1/replays/" + (secondId + 100)).status()).isEqualTo(404);
  }

  private static List<Long> ids(Reply list) {
    List<Long> ids = new java.util.ArrayList<>();
    list.body().path("replays").forEach(run -> ids.add(run.get("id").asLong()));
    return ids;
  }
}
