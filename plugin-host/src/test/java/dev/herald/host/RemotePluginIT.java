package dev.herald.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.util.Durations;
import dev.herald.core.store.jooq.tables.records.DeliveryLogsRecord;
import dev.herald.host.plugin.PluginState;
import dev.herald.proto.event.v1.EventEnvelope;
import dev.herald.proto.plugin.v1.DeliverRequest;
import dev.herald.proto.plugin.v1.DeliverResponse;
import dev.herald.proto.plugin.v1.DeliverResponse.Outcome;
import dev.herald.proto.plugin.v1.DescribeResponse;
import dev.herald.proto.plugin.v1.Subscription;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A remote plugin behind a real gRPC server: filtering, outcomes, deadlines, health holds. */
class RemotePluginIT {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path folder;
  @AutoClose private TestHerald herald;
  @AutoClose private ScriptedPluginServer plugin;

  private static DeliverResponse answer(DeliverRequest request) {
    return switch (request.getEnvelope().getEventType()) {
      case "user.retried" ->
          request.getAttempt() == 1
              ? DeliverResponse.newBuilder()
                  .setOutcome(Outcome.RETRY)
                  .setRetryAfter(Durations.fromMillis(10))
                  .setReason("busy")
                  .build()
              : ack();
      case "user.rejected" ->
          DeliverResponse.newBuilder().setOutcome(Outcome.REJECT).setReason("bad payload").build();
      case "user.slow" -> {
        if (request.getAttempt() == 1) {
          LockSupport.parkNanos(Duration.ofSeconds(1).toNanos()); // past the 300 ms deadline
        }
        yield ack();
      }
      default -> ack();
    };
  }

  private static String outcomeAndCode(DeliveryLogsRecord log) {
    return log.getOutcome() + "/" + log.getGrpcCode();
  }

  private static DeliverResponse ack() {
    return DeliverResponse.newBuilder().setOutcome(Outcome.ACK).build();
  }

  private void start(DescribeResponse description) throws Exception {
    plugin = new ScriptedPluginServer(description, RemotePluginIT::answer);
    Path plugins = Files.createDirectories(folder.resolve("plugins"));
    Files.writeString(
        plugins.resolve("scripted.plugin.yaml"),
        """
        id: scripted
        version: 1.0.0
        protocol_versions: [1]
        address: 127.0.0.1:%d
        subscriptions:
          - event_types: [user.*]
            realms: [acme]
        delivery:
          timeout: 300ms
          max_in_flight: 4
        """
            .formatted(plugin.port()));
    String yaml =
        """
        database:
          path: %s
        delivery:
          poll_interval: 100ms
          retry:
            schedule: [50ms, 50ms, 50ms]
            jitter: 0
        plugins:
          directory: %s
          health_interval: 100ms
        """
            .formatted(folder.resolve("herald.db"), plugins);
    herald = TestHerald.start(yaml);
  }

  @Test
  void deliversExactlyTheSubscribedEventsWithEachOutcomeLogged() throws Exception {
    // Describe asks for everything: a widening, refused; the manifest's user.* in acme stays.
    start(
        DescribeResponse.newBuilder()
            .setPluginId("scripted")
            .setVersion("1.0.0")
            .setProtocolVersion(1)
            .addSubscriptions(Subscription.newBuilder().addEventTypes("*"))
            .build());
    await()
        .atMost(WAIT)
        .until(
            () ->
                herald.server().plugins().find("scripted").orElseThrow().state()
                    == PluginState.SERVING);

    EventEnvelope created = herald.publish("user.created", "acme", "{}");
    EventEnvelope retried = herald.publish("user.retried", "acme", "{}");
    EventEnvelope rejected = herald.publish("user.rejected", "acme", "{}");
    EventEnvelope slow = herald.publish("user.slow", "acme", "{}");
    herald.publish("user.created", "other", "{}");
    herald.publish("group.created", "acme", "{}");

    await()
        .atMost(WAIT)
        .until(
            () -> {
              Map<String, String> status = herald.statusByEventId();
              return "succeeded".equals(status.get(created.getEventId()))
                  && "succeeded".equals(status.get(retried.getEventId()))
                  && "dead".equals(status.get(rejected.getEventId()))
                  && "succeeded".equals(status.get(slow.getEventId()));
            });
    assertThat(herald.statusByEventId()).hasSize(4);
    assertThat(plugin.received())
        .extracting(r -> r.getEnvelope().getEventType() + "@" + r.getEnvelope().getRealmId())
        .doesNotContain("user.created@other", "group.created@acme");
    assertThat(herald.logsOf(created))
        .extracting(RemotePluginIT::outcomeAndCode)
        .containsExactly("succeeded/OK");
    assertThat(herald.logsOf(retried))
        .extracting(RemotePluginIT::outcomeAndCode)
        .containsExactly("retry/OK", "succeeded/OK");
    assertThat(herald.logsOf(rejected))
        .extracting(RemotePluginIT::outcomeAndCode)
        .containsExactly("dead/OK");
    assertThat(herald.logsOf(slow))
        .extracting(RemotePluginIT::outcomeAndCode)
        .containsExactly("retry/DEADLINE_EXCEEDED", "succeeded/OK");
    // Attempts run concurrently: find the created event's among them.
    DeliverRequest first =
        plugin.received().stream()
            .filter(r -> r.getEnvelope().getEventId().equals(created.getEventId()))
            .findFirst()
            .orElseThrow();
    assertThat(first.getDeliveryId()).isNotEmpty();
    assertThat(first.getAttempt()).isEqualTo(1);
    assertThat(first.getEnvelope()).isEqualTo(created);
  }

  @Test
  void notServingPluginHoldsItsDeliveriesUntilItRecovers() throws Exception {
    start(DescribeResponse.newBuilder().setPluginId("scripted").setProtocolVersion(1).build());
    await()
        .atMost(WAIT)
        .until(
            () ->
                herald.server().plugins().find("scripted").orElseThrow().state()
                    == PluginState.SERVING);

    plugin.setHealth(ServingStatus.NOT_SERVING);
    await()
        .atMost(WAIT)
        .until(
            () ->
                herald.server().plugins().find("scripted").orElseThrow().state()
                    == PluginState.NOT_SERVING);
    EventEnvelope held = herald.publish("user.created", "acme", "{}");
    await()
        .atMost(WAIT)
        .until(() -> "pending".equals(herald.statusByEventId().get(held.getEventId())));
    assertThat(plugin.received()).isEmpty();

    plugin.setHealth(ServingStatus.SERVING);
    await()
        .atMost(WAIT)
        .until(() -> "succeeded".equals(herald.statusByEventId().get(held.getEventId())));
    assertThat(plugin.received()).hasSize(1);
  }
}
