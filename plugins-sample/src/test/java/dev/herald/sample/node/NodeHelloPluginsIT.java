package dev.herald.sample.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.proto.plugin.v1.DeliverResponse.Outcome;
import dev.herald.proto.plugin.v1.DescribeRequest;
import dev.herald.proto.plugin.v1.PluginServiceGrpc;
import dev.herald.proto.plugin.v1.PluginServiceGrpc.PluginServiceBlockingStub;
import dev.herald.sample.testing.PluginProcess;
import dev.herald.sample.testing.TestEvents;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The guide's minimal Node.js plugin both ways, started as Herald starts it: {@code hello.js}
 * (stock gRPC libraries alone) and {@code hello-with-helper.js} (on the optional {@code
 * herald-plugin.js}).
 */
class NodeHelloPluginsIT {

  private static final Path FOLDER = Path.of("node-plugin").toAbsolutePath();

  private static PluginServiceBlockingStub plugin(PluginProcess process) throws Exception {
    return PluginServiceGrpc.newBlockingStub(process.channel())
        .withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  private static ServingStatus check(PluginProcess process, String service) throws Exception {
    return HealthGrpc.newBlockingStub(process.channel())
        .withDeadlineAfter(10, TimeUnit.SECONDS)
        .check(HealthCheckRequest.newBuilder().setService(service).build())
        .getStatus();
  }

  @ParameterizedTest
  @ValueSource(strings = {"hello.js", "hello-with-helper.js"})
  void acksAnEventRejectsOneWithoutIdAndStopsOnSigterm(String script) throws Exception {
    try (PluginProcess process =
        PluginProcess.start(FOLDER, PluginProcess.heraldEnvironment(), List.of("node", script))) {
      assertThat(process.handshakeLine()).matches("1\\|1\\|tcp\\|127\\.0\\.0\\.1:\\d+\\|grpc");
      var described =
          plugin(process).describe(DescribeRequest.newBuilder().setProtocolVersion(1).build());
      assertThat(described.getPluginId()).isEqualTo("hello");
      assertThat(described.getSubscriptions(0).getEventTypesList()).containsExactly("user.*");
      assertThat(check(process, "plugin")).isEqualTo(ServingStatus.SERVING);
      assertThat(check(process, "")).isEqualTo(ServingStatus.SERVING);

      var event = TestEvents.userCreated("e1");
      assertThat(plugin(process).deliver(TestEvents.delivery("d1", 1, event)).getOutcome())
          .isEqualTo(Outcome.ACK);
      var noId = event.toBuilder().clearEventId().build();
      assertThat(plugin(process).deliver(TestEvents.delivery("d2", 1, noId)).getOutcome())
          .isEqualTo(Outcome.REJECT);

      assertThat(process.terminate()).as("exit status; stderr:\n%s", process.stderr()).isZero();
      assertThat(process.stderr()).contains("hello: user.created e1");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"hello.js", "hello-with-helper.js"})
  void refusesToRunWithoutTheMagicCookie(String script) throws Exception {
    try (PluginProcess process =
        PluginProcess.start(FOLDER, PluginProcess.withoutCookie(), List.of("node", script))) {
      assertThat(process.awaitExit()).isEqualTo(1);
      assertThat(process.stderr()).contains("not meant to be run by hand");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"hello.js", "hello-with-helper.js"})
  void exitsWhenHeraldOffersNoVersionItSpeaks(String script) throws Exception {
    Map<String, String> env = new HashMap<>(PluginProcess.heraldEnvironment());
    env.put("HERALD_PLUGIN_PROTOCOL_VERSIONS", "2");
    try (PluginProcess process = PluginProcess.start(FOLDER, env, List.of("node", script))) {
      assertThat(process.awaitExit()).isEqualTo(1);
      assertThat(process.stderr()).contains("protocol version");
    }
  }

  @Test
  void helperAnswersNotFoundForAnUnknownHealthService() throws Exception {
    try (PluginProcess process =
        PluginProcess.start(
            FOLDER, PluginProcess.heraldEnvironment(), List.of("node", "hello-with-helper.js"))) {
      assertThatThrownBy(() -> check(process, "elsewhere"))
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    }
  }
}
