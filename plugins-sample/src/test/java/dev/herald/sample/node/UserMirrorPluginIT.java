package dev.herald.sample.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.proto.plugin.v1.DeliverResponse.Outcome;
import dev.herald.proto.plugin.v1.DescribeRequest;
import dev.herald.proto.plugin.v1.DescribeResponse;
import dev.herald.proto.plugin.v1.PluginServiceGrpc;
import dev.herald.proto.plugin.v1.PluginServiceGrpc.PluginServiceBlockingStub;
import dev.herald.sample.testing.PluginProcess;
import dev.herald.sample.testing.TestEvents;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Node.js user-mirror plugin end to end, started as Herald starts it: {@code node index.js} in
 * its folder. Fails, never skips, when node or the npm packages are missing.
 */
class UserMirrorPluginIT {

  private static final Path FOLDER = Path.of("node-plugin").toAbsolutePath();
  private static final List<String> COMMAND = List.of("node", "index.js");

  @TempDir Path dir;

  private PluginProcess start(Map<String, String> overrides) throws Exception {
    Map<String, String> env = new HashMap<>(PluginProcess.heraldEnvironment());
    env.put("MIRROR_FILE", dir.resolve("mirror.log").toString());
    env.putAll(overrides);
    return PluginProcess.start(FOLDER, env, COMMAND);
  }

  private static PluginServiceBlockingStub plugin(PluginProcess process) throws Exception {
    return PluginServiceGrpc.newBlockingStub(process.channel())
        .withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  @Test
  void handshakesDescribesAndMirrorsAUserCreatedEventOnce() throws Exception {
    try (PluginProcess process = start(Map.of())) {
      assertThat(process.handshakeLine()).matches("1\\|1\\|tcp\\|127\\.0\\.0\\.1:\\d+\\|grpc");

      DescribeResponse described =
          plugin(process).describe(DescribeRequest.newBuilder().setProtocolVersion(1).build());
      assertThat(described.getPluginId()).isEqualTo("user-mirror");
      assertThat(described.getProtocolVersion()).isEqualTo(1);
      assertThat(described.getSubscriptions(0).getEventTypesList()).containsExactly("user.*");

      var first = TestEvents.delivery("d1", 1, TestEvents.userCreated("e1"));
      var retry = TestEvents.delivery("d1", 2, TestEvents.userCreated("e1"));
      assertThat(plugin(process).deliver(first).getOutcome()).isEqualTo(Outcome.ACK);
      assertThat(plugin(process).deliver(retry).getOutcome()).isEqualTo(Outcome.ACK);
      assertThat(Files.readAllLines(dir.resolve("mirror.log"))).containsExactly("user.created e1");

      var health =
          HealthGrpc.newBlockingStub(process.channel()).withDeadlineAfter(10, TimeUnit.SECONDS);
      assertThat(
              health
                  .check(HealthCheckRequest.newBuilder().setService("plugin").build())
                  .getStatus())
          .isEqualTo(ServingStatus.SERVING);
      assertThat(health.check(HealthCheckRequest.getDefaultInstance()).getStatus())
          .isEqualTo(ServingStatus.SERVING);

      assertThat(process.terminate()).as("exit status; stderr:\n%s", process.stderr()).isZero();
    }
  }

  @Test
  void exitsZeroWhenItsStdinClosesAsWhenHeraldIsKilled() throws Exception {
    try (PluginProcess process = start(Map.of())) {
      process.handshakeLine();

      process.closeStdin();

      assertThat(process.awaitExit()).as("exit status; stderr:\n%s", process.stderr()).isZero();
    }
  }

  @Test
  void rejectsAnEventOutsideItsSubscription() throws Exception {
    try (PluginProcess process = start(Map.of())) {
      var envelope = TestEvents.userCreated("e2").toBuilder().setEventType("group.created").build();
      assertThat(plugin(process).deliver(TestEvents.delivery("d2", 1, envelope)).getOutcome())
          .isEqualTo(Outcome.REJECT);
    }
  }

  @Test
  void refusesToRunWithoutTheMagicCookie() throws Exception {
    Map<String, String> env = new HashMap<>(PluginProcess.withoutCookie());
    try (PluginProcess process = PluginProcess.start(FOLDER, env, COMMAND)) {
      assertThat(process.awaitExit()).isEqualTo(1);
      assertThat(process.stderr()).contains("not meant to be run by hand");
    }
  }
}
