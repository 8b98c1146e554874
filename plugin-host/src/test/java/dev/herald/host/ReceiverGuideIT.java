package dev.herald.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.util.Timestamps;
import dev.herald.proto.admin.v1.ReplayRequest;
import dev.herald.proto.admin.v1.ReplayServiceGrpc.ReplayServiceBlockingStub;
import dev.herald.proto.event.v1.EventEnvelope;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The receiver guide's Java example against a real Herald: what Herald sends verifies with the
 * Standard Webhooks library, a replayed event comes with the same {@code webhook-id} and is handled
 * once, and a receiver holding another secret refuses everything.
 */
class ReceiverGuideIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final String OTHER_SECRET = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";

  @TempDir Path folder;
  private GuideReceiver receiver;
  private GuideReceiver impostor;
  private TestHerald herald;

  @BeforeEach
  void start() throws Exception {
    receiver = new GuideReceiver(SECRET);
    impostor = new GuideReceiver(OTHER_SECRET);
    herald =
        TestHerald.startWithApi(
            folder,
            """
            delivery:
              poll_interval: 100ms
            webhooks:
              - id: shop
                url: '%s'
                secret: %s
                subscriptions: [{event_types: [order.*]}]
              - id: wrong-secret
                url: '%s'
                secret: %s
                subscriptions: [{event_types: [order.*]}]
            """
                .formatted(receiver.url(), SECRET, impostor.url(), SECRET),
            Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    herald.close();
    receiver.close();
    impostor.close();
  }

  @Test
  void verifiesWithTheStockLibraryAndHandlesAReplayedEventOnce() {
    Instant before = Instant.now().minusSeconds(1);
    EventEnvelope order =
        herald.publish("order.created", "", "{\"total\": 500, \"note\": \"für Ada\"}");
    await().atMost(WAIT).until(() -> receiver.answers().size() == 1);
    // Replay leaves a delivery still in flight alone: wait until Herald recorded the answer.
    await().atMost(WAIT).until(() -> herald.statuses().contains("succeeded"));

    new ApiClients(herald.apiUrl())
        .grpc(ReplayServiceBlockingStub.class, ApiTokens.ADMIN)
        .replay(
            ReplayRequest.newBuilder()
                .setFromTime(Timestamps.fromMillis(before.toEpochMilli()))
                .setWebhookId("shop")
                .build());
    await().atMost(WAIT).until(() -> receiver.answers().size() == 2);

    assertThat(receiver.answers()).containsExactly(204, 204);
    assertThat(receiver.handled()).hasSize(1);
    assertThat(receiver.handled().getFirst())
        .contains(order.getEventId())
        .contains("\"note\": \"für Ada\"");
    await().atMost(WAIT).until(() -> !impostor.answers().isEmpty());
    assertThat(impostor.answers()).containsOnly(401);
    assertThat(impostor.handled()).isEqualTo(List.of());
  }
}
