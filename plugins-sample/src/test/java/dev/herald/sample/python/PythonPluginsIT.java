package dev.herald.sample.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.proto.plugin.v1.DeliverResponse;
import dev.herald.proto.plugin.v1.DeliverResponse.Outcome;
import dev.herald.proto.plugin.v1.DescribeRequest;
import dev.herald.proto.plugin.v1.DescribeResponse;
import dev.herald.proto.plugin.v1.PluginServiceGrpc;
import dev.herald.proto.plugin.v1.PluginServiceGrpc.PluginServiceBlockingStub;
import dev.herald.sample.testing.PluginProcess;
import dev.herald.sample.testing.TestEvents;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.health.v1.HealthGrpc.HealthBlockingStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Python plugins end to end, started as Herald starts them: the group-mirror sample (on the
 * optional herald_plugin helper) and the guide's hello both ways (hello.py on grpcio alone,
 * hello_with_helper.py on the helper), each by its shebang ({@code /usr/bin/python3}) in its
 * folder. Fails, never skips, when python3-grpcio, python3-protobuf or the generated code is
 * missing.
 */
class PythonPluginsIT {

  private static final Path FOLDER = Path.of("python-plugin").toAbsolutePath();
  private static final List<String> GROUP_MIRROR = List.of(FOLDER + "/group_mirror.py");

  @TempDir Path dir;

  private PluginProcess startGroupMirror(Path mirrorFile) throws Exception {
    Map<String, String> env = new HashMap<>(PluginProcess.heraldEnvironment());
    env.put("MIRROR_FILE", mirrorFile.toString());
    return PluginProcess.start(FOLDER, env, GROUP_MIRROR);
  }

  private static PluginServiceBlockingStub plugin(PluginProcess process) throws Exception {
    return PluginServiceGrpc.newBlockingStub(process.channel())
        .withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  private static HealthBlockingStub health(PluginProcess process) throws Exception {
    return HealthGrpc.newBlockingStub(process.channel()).withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  private static ServingStatus check(PluginProcess process, String service) throws Exception {
    return health(process)
        .check(HealthCheckRequest.newBuilder().setService(service).build())
        .getStatus();
  }

  private static DescribeResponse describe(PluginProcess process) throws Exception {
    return plugin(process).describe(DescribeRequest.newBuilder().setProtocolVersion(1).build());
  }

  @Test
  void groupMirrorHandshakesDescribesAndMirrorsAGroupEventOnce() throws Exception {
    Path mirror = dir.resolve("mirror.log");
    try (PluginProcess process = startGroupMirror(mirror)) {
      assertThat(process.handshakeLine()).matches("1\\|1\\|tcp\\|127\\.0\\.0\\.1:\\d+\\|grpc");

      DescribeResponse described = describe(process);
      assertThat(described.getPluginId()).isEqualTo("group-mirror");
      assertThat(described.getProtocolVersion()).isEqualTo(1);
      assertThat(described.getSubscriptions(0).getEventTypesList()).containsExactly("group.*");

      var event = TestEvents.userCreated("e1").toBuilder().setEventType("group.created").build();
      assertThat(plugin(process).deliver(TestEvents.delivery("d1", 1, event)).getOutcome())
          .isEqualTo(Outcome.ACK);
      assertThat(plugin(process).deliver(TestEvents.delivery("d1", 2, event)).getOutcome())
          .isEqualTo(Outcome.ACK);
      assertThat(Files.readAllLines(mirror)).containsExactly("group.created e1");

      assertThat(check(process, "plugin")).isEqualTo(ServingStatus.SERVING);
      assertThat(check(process, "")).isEqualTo(ServingStatus.SERVING);
      assertThatThrownBy(() -> check(process, "elsewhere"))
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));

      assertThat(process.terminate()).as("exit status; stderr:\n%s", process.stderr()).isZero();
    }
  }

  @Test
  void groupMirrorRejectsAnEventOutsideItsSubscription() throws Exception {
    try (PluginProcess process = startGroupMirror(dir.resolve("mirror.log"))) {
      DeliverResponse response =
          plugin(process).deliver(TestEvents.delivery("d2", 1, TestEvents.userCreated("e2")));
      assertThat(response.getOutcome()).isEqualTo(Outcome.REJECT);
      assertThat(response.getReason()).contains("user.created");
    }
  }

  @Test
  void groupMirrorAsksForARetryWhenItCannotWrite() throws Exception {
    try (PluginProcess process = startGroupMirror(dir.resolve("missing/mirror.log"))) {
      var event = TestEvents.userCreated("e3").toBuilder().setEventType("group.deleted").build();
      DeliverResponse response = plugin(process).deliver(TestEvents.delivery("d3", 1, event));
      assertThat(response.getOutcome()).isEqualTo(Outcome.RETRY);
      assertThat(response.getRetryAfter().getSeconds()).isEqualTo(1);
    }
  }

  @Test
  void groupMirrorRefusesToRunWithoutTheMagicCookie() throws Exception {
    try (PluginProcess process =
        PluginProcess.start(FOLDER, PluginProcess.withoutCookie(), GROUP_MIRROR)) {
      assertThat(process.awaitExit()).isEqualTo(1);
      assertThat(process.stderr()).contains("not meant to be run by hand");
    }
  }

  @Test
  void groupMirrorExitsWhenHeraldOffersNoVersionItSpeaks() throws Exception {
    Map<String, String> env = new HashMap<>(PluginProcess.heraldEnvironment());
    env.put("HERALD_PLUGIN_PROTOCOL_VERSIONS", "2,3");
    try (PluginProcess process = PluginProcess.start(FOLDER, env, GROUP_MIRROR)) {
      assertThat(process.awaitExit()).isEqualTo(1);
      assertThat(process.stderr()).contains("Herald offers protocol versions");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"hello.py", "hello_with_helper.py"})
  void helloAcksAnEventRejectsOneWithoutIdAndStopsOnSigterm(String script) throws Exception {
    try (PluginProcess process =
        PluginProcess.start(
            FOLDER, PluginProcess.heraldEnvironment(), List.of(FOLDER + "/" + script))) {
      assertThat(process.handshakeLine()).matches("1\\|1\\|tcp\\|127\\.0\\.0\\.1:\\d+\\|grpc");
      assertThat(describe(process).getPluginId()).isEqualTo("hello");
      assertThat(check(process, "plugin")).isEqualTo(ServingStatus.SERVING);

      var event = TestEvents.userCreated("e4");
      assertThat(plugin(process).deliver(TestEvents.delivery("d4", 1, event)).getOutcome())
          .isEqualTo(Outcome.ACK);
      var noId = event.toBuilder().clearEventId().build();
      assertThat(plugin(process).deliver(TestEvents.delivery("d5", 1, noId)).getOutcome())
          .isEqualTo(Outcome.REJECT);

      assertThat(process.terminate()).as("exit status; stderr:\n%s", process.stderr()).isZero();
      assertThat(process.stderr()).contains("hello: user.created e4");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"hello.py", "hello_with_helper.py"})
  void helloRefusesToRunWithoutTheMagicCookie(String script) throws Exception {
    try (PluginProcess process =
        PluginProcess.start(
            FOLDER, PluginProcess.withoutCookie(), List.of(FOLDER + "/" + script))) {
      assertThat(process.awaitExit()).isEqualTo(1);
      assertThat(process.stderr()).contains("not meant to be run by hand");
    }
  }
}
