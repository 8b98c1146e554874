package dev.herald.sample.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.proto.plugin.v1.DeliverResponse;
import dev.herald.proto.plugin.v1.DeliverResponse.Outcome;
import dev.herald.proto.plugin.v1.DescribeRequest;
import dev.herald.proto.plugin.v1.DescribeResponse;
import dev.herald.proto.plugin.v1.PluginServiceGrpc;
import dev.herald.proto.plugin.v1.PluginServiceGrpc.PluginServiceBlockingStub;
import dev.herald.proto.plugin.v1.Subscription;
import dev.herald.sample.plugin.PluginServer;
import dev.herald.sample.testing.PluginProcess;
import dev.herald.sample.testing.TestEvents;
import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.StreamObserver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit-log plugin over a real gRPC channel on 127.0.0.1, in-process and as Herald runs it. */
class AuditLogPluginIT {

  private static final Path RUN = Path.of("audit-log", "run").toAbsolutePath();

  @TempDir Path dir;
  private PluginServer server;
  private ManagedChannel channel;

  @AfterEach
  void stop() throws InterruptedException {
    if (channel != null) {
      channel.shutdownNow();
    }
    if (server != null) {
      server.stop(Duration.ofSeconds(5));
    }
  }

  private Channel startInProcess(Path file) throws Exception {
    server = AuditLogPlugin.start(file, 0);
    channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
    return channel;
  }

  private static PluginServiceBlockingStub plugin(Channel channel) {
    return PluginServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  private static ServingStatus health(Channel channel, String service) {
    return HealthGrpc.newBlockingStub(channel)
        .withDeadlineAfter(10, TimeUnit.SECONDS)
        .check(HealthCheckRequest.newBuilder().setService(service).build())
        .getStatus();
  }

  @Test
  void describesItselfAsInItsManifest() throws Exception {
    DescribeResponse described =
        plugin(startInProcess(dir.resolve("audit.log")))
            .describe(DescribeRequest.newBuilder().setProtocolVersion(1).build());

    assertThat(described.getPluginId()).isEqualTo("audit-log");
    assertThat(described.getVersion()).isEqualTo("0.1.0");
    assertThat(described.getProtocolVersion()).isEqualTo(1);
    assertThat(described.getSubscriptionsList())
        .containsExactly(
            Subscription.newBuilder().addEventTypes("user.*").addEventTypes("group.*").build());
  }

  @Test
  void acksOnlyOnceTheJsonLineIsInTheFile() throws Exception {
    Path file = dir.resolve("logs/audit.log");
    DeliverResponse response =
        plugin(startInProcess(file))
            .deliver(TestEvents.delivery("d1", 1, TestEvents.userCreated("e1")));

    assertThat(response.getOutcome()).isEqualTo(Outcome.ACK);
    assertThat(Files.readAllLines(file))
        .containsExactly(
            AuditLog.render(TestEvents.delivery("d1", 1, TestEvents.userCreated("e1"))));
  }

  @Test
  void rejectsADeliveryWithoutAnEvent() throws Exception {
    DeliverResponse response =
        plugin(startInProcess(dir.resolve("audit.log")))
            .deliver(TestEvents.delivery("d1", 1, TestEvents.userCreated("")));

    assertThat(response.getOutcome()).isEqualTo(Outcome.REJECT);
    assertThat(dir.resolve("audit.log")).doesNotExist();
  }

  @Test
  void servesHealthForThePluginAndTheServer() throws Exception {
    Channel channel = startInProcess(dir.resolve("audit.log"));

    assertThat(health(channel, "plugin")).isEqualTo(ServingStatus.SERVING);
    assertThat(health(channel, "")).isEqualTo(ServingStatus.SERVING);
  }

  @Test
  void runsAsHeraldStartsItAndExitsZeroOnSigterm() throws Exception {
    Map<String, String> env = new HashMap<>(PluginProcess.heraldEnvironment());
    env.put("HERALD_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    env.put("AUDIT_LOG_FILE", "./audit.log");
    try (PluginProcess process = PluginProcess.start(dir, env, List.of(RUN.toString()))) {
      assertThat(process.handshakeLine()).matches("1\\|1\\|tcp\\|127\\.0\\.0\\.1:\\d+\\|grpc");
      DeliverResponse response =
          plugin(process.channel())
              .deliver(TestEvents.delivery("d1", 1, TestEvents.userCreated("e1")));
      assertThat(response.getOutcome()).isEqualTo(Outcome.ACK);
      assertThat(Files.readAllLines(dir.resolve("audit.log")))
          .singleElement()
          .asString()
          .contains("\"event_id\":\"e1\"");

      // Herald may be watching health when it stops the plugin; the watch must not hold it up.
      LinkedBlockingQueue<ServingStatus> watched = new LinkedBlockingQueue<>();
      CompletableFuture<Void> watchEnded = new CompletableFuture<>();
      HealthGrpc.newStub(process.channel())
          .watch(
              HealthCheckRequest.newBuilder().setService("plugin").build(),
              into(watched, watchEnded));
      assertThat(watched.poll(30, TimeUnit.SECONDS)).isEqualTo(ServingStatus.SERVING);

      assertThat(process.terminate()).as("exit status; stderr:\n%s", process.stderr()).isZero();
      assertThat(process.stderr()).doesNotContain("still in progress");
      watchEnded.get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void exitsZeroWhenItsStdinClosesAsWhenHeraldIsKilled() throws Exception {
    Map<String, String> env = new HashMap<>(PluginProcess.heraldEnvironment());
    env.put("HERALD_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    try (PluginProcess process = PluginProcess.start(dir, env, List.of(RUN.toString()))) {
      process.handshakeLine();

      process.closeStdin();

      assertThat(process.awaitExit()).as("exit status; stderr:\n%s", process.stderr()).isZero();
      assertThat(process.stderr()).contains("stdin closed");
    }
  }

  @Test
  void refusesToRunWithoutTheMagicCookie() throws Exception {
    Map<String, String> env = new HashMap<>(PluginProcess.withoutCookie());
    env.put("HERALD_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    try (PluginProcess process = PluginProcess.start(dir, env, List.of(RUN.toString()))) {
      assertThat(process.awaitExit()).isEqualTo(1);
      assertThat(process.stderr()).contains("not meant to be run by hand");
    }
  }

  @Test
  void refusesWhenTheHostOffersNoVersionItSpeaks() throws Exception {
    Map<String, String> env = new HashMap<>(PluginProcess.heraldEnvironment());
    env.put("HERALD_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    env.put("HERALD_PLUGIN_PROTOCOL_VERSIONS", "2");
    try (PluginProcess process = PluginProcess.start(dir, env, List.of(RUN.toString()))) {
      assertThat(process.awaitExit()).isEqualTo(1);
      assertThat(process.stderr()).contains("no shared protocol version");
    }
  }

  private static StreamObserver<HealthCheckResponse> into(
      LinkedBlockingQueue<ServingStatus> statuses, CompletableFuture<Void> ended) {
    return new StreamObserver<>() {
      @Override
      public void onNext(HealthCheckResponse response) {
        statuses.add(response.getStatus());
      }

      @Override
      public void onError(Throwable t) {
        ended.complete(null);
      }

      @Override
      public void onCompleted() {
        ended.complete(null);
      }
    };
  }
}
