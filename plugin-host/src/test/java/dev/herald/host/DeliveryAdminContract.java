package dev.herald.host;

import static dev.herald.host.ApiTokens.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.linecorp.armeria.common.HttpStatus;
import dev.herald.host.ApiClients.Reply;
import dev.herald.proto.admin.v1.Attempt;
import dev.herald.proto.admin.v1.Delivery;
import dev.herald.proto.admin.v1.DeliveryServiceGrpc.DeliveryServiceBlockingStub;
import dev.herald.proto.admin.v1.DeliveryStatus;
import dev.herald.proto.admin.v1.DiscardDeadLetterRequest;
import dev.herald.proto.admin.v1.GetDeliveryRequest;
import dev.herald.proto.admin.v1.ListDeliveriesRequest;
import dev.herald.proto.admin.v1.RetryDeliveryRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deliveries with their attempts, dead letters retried and discarded, over gRPC and REST; one
 * subclass per database.
 */
abstract class DeliveryAdminContract {

  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path folder;
  private final TestDatabase database;
  @AutoClose private TestHerald herald;
  @AutoClose private WebhookReceiver receiver;
  private final AtomicBoolean downIsUp = new AtomicBoolean();
  private ApiClients api;
  private DeliveryServiceBlockingStub deliveries;

  DeliveryAdminContract(TestDatabase database) {
    this.database = database;
  }

  @BeforeEach
  void start() {
    receiver =
        WebhookReceiver.start(
            SECRET,
            (path, id, attempt) ->
                path.equals("/down") && !downIsUp.get()
                    ? HttpStatus.SERVICE_UNAVAILABLE
                    : HttpStatus.OK);
    herald =
        TestHerald.startWithApi(
            database,
            folder,
            """
            delivery:
              poll_interval: 100ms
              retry:
                schedule: [20ms]
                jitter: 0
            webhooks:
              - {id: down, url: '%s', secret: %s, event_types: [user.*]}
              - {id: up, url: '%s', secret: %s, event_types: [group.*]}
            """
                .formatted(receiver.url("/down"), SECRET, receiver.url("/up"), SECRET),
            Clock.systemUTC());
    api = new ApiClients(herald.apiUrl());
    deliveries = api.grpc(DeliveryServiceBlockingStub.class, ADMIN);
  }

  private List<Delivery> deadLetters() {
    return deliveries
        .listDeadLetters(ListDeliveriesRequest.newBuilder().setRealmId("acme").build())
        .getDeliveriesList();
  }

  private List<Long> failingWith(String errorClass) {
    return deliveries
        .listDeliveries(
            ListDeliveriesRequest.newBuilder().setAllRealms(true).setErrorClass(errorClass).build())
        .getDeliveriesList()
        .stream()
        .map(Delivery::getId)
        .toList();
  }

  @Test
  void showsAttemptsAndRetriesADeadLetterOverGrpc() {
    String failing = herald.publish("user.created", "acme", "{}").getEventId();
    herald.publish("group.created", "acme", "{}");
    await().atMost(WAIT).until(() -> deadLetters().size() == 1);

    Delivery dead = deadLetters().get(0);
    assertThat(dead.getEventId()).isEqualTo(failing);
    assertThat(dead.getWebhookId()).isEqualTo("down");
    assertThat(dead.getLastError()).contains("HTTP 503");
    assertThat(
            deliveries
                .listDeliveries(
                    ListDeliveriesRequest.newBuilder()
                        .setRealmId("acme")
                        .setEventType("group.*")
                        .build())
                .getDeliveriesList())
        .extracting(Delivery::getWebhookId)
        .containsExactly("up");
    assertThat(
            deliveries
                .listDeliveries(ListDeliveriesRequest.getDefaultInstance())
                .getDeliveriesCount())
        .as("the default realm has no deliveries")
        .isZero();
    ListDeliveriesRequest firstPage =
        ListDeliveriesRequest.newBuilder().setAllRealms(true).setPageSize(1).build();
    var page = deliveries.listDeliveries(firstPage);
    assertThat(page.getDeliveriesCount()).isEqualTo(1);
    assertThat(
            deliveries
                .listDeliveries(firstPage.toBuilder().setPageToken(page.getNextPageToken()).build())
                .getDeliveriesCount())
        .isEqualTo(1);

    Delivery withAttempts =
        deliveries.getDelivery(GetDeliveryRequest.newBuilder().setId(dead.getId()).build());
    assertThat(withAttempts.getAttemptsList())
        .extracting(Attempt::getHttpStatus)
        .containsExactly(503, 503);
    assertThat(withAttempts.getAttemptsList())
        .extracting(Attempt::getOutcome)
        .containsExactly("retry", "dead");
    assertThat(failingWith("http_5xx")).containsExactly(dead.getId());
    assertThat(failingWith("http_4xx")).isEmpty();

    downIsUp.set(true);
    Delivery retried =
        deliveries.retryDeadLetter(RetryDeliveryRequest.newBuilder().setId(dead.getId()).build());
    assertThat(retried.getStatus())
        .isIn(
            DeliveryStatus.DELIVERY_STATUS_SCHEDULED,
            DeliveryStatus.DELIVERY_STATUS_IN_FLIGHT,
            DeliveryStatus.DELIVERY_STATUS_SUCCEEDED);

    await().atMost(WAIT).until(() -> receiver.delivered("/down").contains(failing));
    await()
        .atMost(WAIT)
        .until(
            () ->
                deliveries
                        .getDelivery(GetDeliveryRequest.newBuilder().setId(dead.getId()).build())
                        .getStatus()
                    == DeliveryStatus.DELIVERY_STATUS_SUCCEEDED);
    assertThat(
            deliveries
                .getDelivery(GetDeliveryRequest.newBuilder().setId(dead.getId()).build())
                .getAttemptsList())
        .extracting(Attempt::getOutcome)
        .containsExactly("retry", "dead", "succeeded");
    assertThat(deadLetters()).isEmpty();
    assertThat(failingWith("http_5xx")).as("its latest attempt succeeded").isEmpty();

    StatusRuntimeException refused =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                deliveries.retryDeadLetter(
                    RetryDeliveryRequest.newBuilder().setId(dead.getId()).build()));
    assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
  }

  @Test
  void anErrorClassThatCannotBeOneIsRefusedNamingTheField() {
    Reply refused = api.get(ADMIN, "/api/v1/deliveries?all_realms=true&error_class=HTTP%205xx");

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body().toString()).contains("error_class", "expected: 1 to 64 of a-z");
  }

  @Test
  void retriesAnyDeliveryAndDiscardsADeadLetterOverGrpc() {
    herald.publish("user.created", "acme", "{}");
    herald.publish("user.updated", "acme", "{}");
    await().atMost(WAIT).until(() -> deadLetters().size() == 2);
    long discardId = deadLetters().get(0).getId();
    long retryId = deadLetters().get(1).getId();

    Delivery discarded =
        deliveries.discardDeadLetter(
            DiscardDeadLetterRequest.newBuilder().setId(discardId).build());
    assertThat(discarded.getStatus()).isEqualTo(DeliveryStatus.DELIVERY_STATUS_DISCARDED);
    assertThat(deadLetters()).extracting(Delivery::getId).containsExactly(retryId);

    downIsUp.set(true);
    deliveries.retryDelivery(RetryDeliveryRequest.newBuilder().setId(retryId).build());
    await()
        .atMost(WAIT)
        .until(
            () ->
                deliveries
                        .getDelivery(GetDeliveryRequest.newBuilder().setId(retryId).build())
                        .getStatus()
                    == DeliveryStatus.DELIVERY_STATUS_SUCCEEDED);
    assertThat(
            catchThrowableOfType(
                    StatusRuntimeException.class,
                    () ->
                        deliveries.retryDelivery(
                            RetryDeliveryRequest.newBuilder().setId(discardId).build()))
                .getStatus()
                .getCode())
        .isEqualTo(Status.Code.FAILED_PRECONDITION);
  }

  @Test
  void discardsADeadLetterAndRetriesOverRest() {
    String other = herald.publish("user.deleted", "acme", "{}").getEventId();
    String failing = herald.publish("user.created", "acme", "{}").getEventId();
    herald.publish("user.updated", "acme", "{}");
    await().atMost(WAIT).until(() -> deadLetters().size() == 3);

    Reply listed = api.get(ADMIN, "/api/v1/dead-letters?realm_id=acme&webhook_id=down");
    assertThat(listed.status()).isEqualTo(200);
    assertThat(listed.body().get("deliveries")).hasSize(3);
    long discardId = deadLetters().get(0).getId();
    long retryId = deadLetters().get(1).getId();
    long otherId = deadLetters().get(2).getId();

    Reply discarded = api.post(ADMIN, "/api/v1/dead-letters/" + discardId + ":discard", "{}");
    assertThat(api.post(ADMIN, "/api/v1/dead-letters/" + discardId + ":retry", "{}").status())
        .as("no longer a dead letter")
        .isEqualTo(400);
    assertThat(discarded.status()).isEqualTo(200);
    assertThat(discarded.body().get("status").asText()).isEqualTo("DELIVERY_STATUS_DISCARDED");
    assertThat(api.post(ADMIN, "/api/v1/deliveries/" + discardId + ":retry", "{}").status())
        .isEqualTo(400);

    Reply one = api.get(ADMIN, "/api/v1/deliveries/" + retryId);
    assertThat(one.body().get("event_id").asText()).isEqualTo(failing);
    assertThat(one.body().get("attempts")).hasSize(2);
    assertThat(one.body().get("attempts").get(0).get("http_status").asInt()).isEqualTo(503);

    downIsUp.set(true);
    assertThat(api.post(ADMIN, "/api/v1/dead-letters/" + retryId + ":retry", "{}").status())
        .isEqualTo(200);
    assertThat(api.post(ADMIN, "/api/v1/deliveries/" + otherId + ":retry", "{}").status())
        .as("a dead letter is a delivery too")
        .isEqualTo(200);
    await()
        .atMost(WAIT)
        .until(() -> receiver.delivered("/down").containsAll(List.of(failing, other)));
    await()
        .atMost(WAIT)
        .until(
            () ->
                api.get(ADMIN, "/api/v1/deliveries/" + retryId)
                    .body()
                    .get("status")
                    .asText()
                    .equals("DELIVERY_STATUS_SUCCEEDED"));
    String succeeded = "/api/v1/deliveries?realm_id=acme&status=DELIVERY_STATUS_SUCCEEDED";
    await().atMost(WAIT).until(() -> ids(api.get(ADMIN, succeeded)).size() == 2);
    assertThat(ids(api.get(ADMIN, succeeded))).containsExactlyInAnyOrder(retryId, otherId);
    assertThat(
            ids(
                api.get(
                    ADMIN,
                    "/api/v1/deliveries?all_realms=true&created_after=2999-01-01T00:00:00Z")))
        .isEmpty();
    assertThat(ids(api.get(ADMIN, "/api/v1/dead-letters?realm_id=acme"))).isEmpty();
    Reply bad = api.get(ADMIN, "/api/v1/deliveries?webhook_id=down&plugin_id=x&event_type=Bad");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body().get("message").asText()).contains("plugin_id").contains("event_type");
  }

  private static List<Long> ids(Reply reply) {
    List<Long> ids = new ArrayList<>();
    for (JsonNode delivery : reply.body().get("deliveries")) {
      ids.add(delivery.get("id").asLong());
    }
    return ids;
  }
}
