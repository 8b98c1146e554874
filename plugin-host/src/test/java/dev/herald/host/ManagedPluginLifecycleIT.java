package dev.herald.host;

import static dev.herald.host.ApiTokens.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.proto.plugin.v1.DeliverResponse;
import dev.herald.proto.plugin.v1.DescribeResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How Herald stops a managed plugin, whatever the moment: SIGTERM, then the whole grace period with
 * its pipes still open, and no plugin process outliving Herald. The plugin is a shell script that
 * records the signals it gets and announces a gRPC server the test runs.
 */
class ManagedPluginLifecycleIT {

  private static final Duration WAIT = Duration.ofSeconds(60);

  /** Loops in short sleeps, so the shell runs its SIGTERM trap at once. */
  private static final String LOOP = "while :; do sleep 0.1; done";

  /** What the plugin records when it is asked to stop and finishes its half-second clean-up. */
  private static final List<String> STOPPED_CLEANLY = List.of("TERM", "exited cleanly");

  @TempDir Path folder;
  private Path plugins;
  private Path events;
  private Path pids;
  private ScriptedPluginServer grpc;
  private TestHerald herald;
  private ChildHerald child;

  @BeforeEach
  void startGrpcSide() throws IOException {
    plugins = Files.createDirectories(folder.resolve("plugins"));
    events = folder.resolve("events");
    pids = folder.resolve("pids");
    grpc =
        new ScriptedPluginServer(
            DescribeResponse.newBuilder()
                .setPluginId("lifecycle")
                .setVersion("1.0.0")
                .setProtocolVersion(1)
                .build(),
            request ->
                DeliverResponse.newBuilder().setOutcome(DeliverResponse.Outcome.ACK).build());
  }

  @AfterEach
  void stopEverything() throws Exception {
    try {
      if (child != null) {
        child.close();
      }
      if (herald != null) {
        herald.close();
      }
    } finally {
      for (long pid : pluginPids()) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
      }
      grpc.close();
    }
  }

  @Test
  void reloadWithoutItsManifestGivesThePluginItsGracePeriodAfterSigterm() throws Exception {
    writePlugin("", LOOP);
    herald =
        TestHerald.startWithApi(
            folder,
            """
            plugins:
              directory: %s
              health_interval: 100ms
              shutdown_grace: 20s
            """
                .formatted(plugins),
            Clock.systemUTC());
    await().atMost(WAIT).until(() -> Files.exists(pids));

    Files.delete(plugins.resolve("lifecycle.plugin.yaml"));
    assertThat(new ApiClients(herald.apiUrl()).post(ADMIN, "/api/v1/plugins:reload", "{}").status())
        .isEqualTo(200);

    await().atMost(WAIT).until(this::events, STOPPED_CLEANLY::equals);
    await().atMost(WAIT).until(this::noPluginAlive);
  }

  @Test
  void sigtermToHeraldServeGivesThePluginSigtermAndItsGracePeriod() throws Exception {
    writePlugin("", LOOP);
    Path log = folder.resolve("herald.log");
    child = ChildHerald.start(log, "serve", "--config", writeConfig().toString());
    await().atMost(WAIT).until(() -> Files.readString(log).contains("Plugin lifecycle is serving"));

    child.stopGracefully();

    assertThat(events()).isEqualTo(STOPPED_CLEANLY);
    await().atMost(WAIT).until(this::noPluginAlive);
  }

  @Test
  void sigtermToHeraldDuringStartUpLeavesNoPluginRunning() throws Exception {
    // The plugin sends Herald SIGTERM as soon as it runs, before Herald is done starting.
    writePlugin("kill -TERM $PPID", LOOP);
    Path log = folder.resolve("herald.log");
    child = ChildHerald.start(log, "serve", "--config", writeConfig().toString());

    await().atMost(WAIT).until(() -> !child.isAlive());

    assertThat(pluginPids()).isNotEmpty();
    await().atMost(WAIT).until(this::noPluginAlive);
    assertThat(events()).isEqualTo(STOPPED_CLEANLY);
  }

  @Test
  void heraldKilledWithSigkillClosesThePluginsStdin() throws Exception {
    writePlugin("", "cat > /dev/null; echo 'stdin closed' >> " + events);
    Path log = folder.resolve("herald.log");
    child = ChildHerald.start(log, "serve", "--config", writeConfig().toString());
    await().atMost(WAIT).until(() -> Files.readString(log).contains("Plugin lifecycle is serving"));

    child.killHard();

    await().atMost(WAIT).until(this::events, List.of("stdin closed")::equals);
    await().atMost(WAIT).until(this::noPluginAlive);
  }

  /**
   * Writes the plugin: it records its pid, runs {@code before}, prints its handshake, then runs
   * {@code main}. On SIGTERM it records "TERM", takes half a second to clean up, logs to stderr
   * (which kills it if Herald closed the pipe) and records "exited cleanly".
   */
  private void writePlugin(String before, String main) throws IOException {
    Path script = plugins.resolve("plugin.sh");
    Files.writeString(
        script,
        """
        #!/bin/sh
        echo $$ >> %1$s
        trap 'echo TERM >> %2$s; sleep 0.5; echo "cleaning up done" >&2; \
        echo "exited cleanly" >> %2$s; exit 0' TERM
        %3$s
        echo '1|1|tcp|127.0.0.1:%4$d|grpc'
        %5$s
        """
            .formatted(pids, events, before, grpc.port(), main));
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(
        plugins.resolve("lifecycle.plugin.yaml"),
        """
        id: lifecycle
        version: 1.0.0
        protocol_versions: [1]
        command: [./plugin.sh]
        subscriptions:
          - event_types: ['*']
        """);
  }

  private Path writeConfig() throws IOException {
    return Files.writeString(
        folder.resolve("herald.yaml"),
        """
        database:
          path: %s
        api:
          port: 0
        plugins:
          directory: %s
          health_interval: 100ms
          shutdown_grace: 20s
        """
            .formatted(folder.resolve("herald.db"), plugins));
  }

  private List<String> events() throws IOException {
    return Files.exists(events) ? Files.readAllLines(events) : List.of();
  }

  private List<Long> pluginPids() throws IOException {
    return Files.exists(pids)
        ? Files.readAllLines(pids).stream().map(String::strip).map(Long::valueOf).toList()
        : List.of();
  }

  private boolean noPluginAlive() throws IOException {
    return pluginPids().stream()
        .map(ProcessHandle::of)
        .flatMap(Optional::stream)
        .noneMatch(ProcessHandle::isAlive);
  }
}
