package dev.herald.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.host.plugin.PluginState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Managed plugins that cannot start: the host gives up cleanly and holds their deliveries. */
class ManagedPluginFailureIT {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path folder;
  @AutoClose private TestHerald herald;

  private void start(String script, String extraManifest) throws Exception {
    Path plugins = Files.createDirectories(folder.resolve("plugins"));
    Path executable = plugins.resolve("plugin.sh");
    Files.writeString(executable, "#!/bin/sh\n" + script + "\n");
    Files.setPosixFilePermissions(executable, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(
        plugins.resolve("broken.plugin.yaml"),
        """
        id: broken
        version: 1.0.0
        protocol_versions: [1]
        command: [./plugin.sh]
        subscriptions:
          - event_types: ['*']
        %s
        """
            .formatted(extraManifest));
    String yaml =
        """
        database:
          path: %s
        plugins:
          directory: %s
          start_timeout: 500ms
          health_interval: 100ms
          restart_backoff: {initial: 50ms, max: 100ms}
          max_restarts: 2
          shutdown_grace: 1s
        """
            .formatted(folder.resolve("herald.db"), plugins);
    herald = TestHerald.start(yaml);
  }

  private PluginState state() {
    return herald.server().plugins().find("broken").orElseThrow().state();
  }

  @Test
  void pluginThatNeverPrintsItsHandshakeIsFailedAfterTheRestartCap() throws Exception {
    start("exec sleep 30", "");

    await().atMost(WAIT).until(() -> state() == PluginState.FAILED);

    herald.publish("user.created", "", "{}");
    await().atMost(WAIT).until(() -> herald.statuses().size() == 1);
    assertThat(herald.statuses())
        .as("a FAILED plugin's deliveries stay pending")
        .containsExactly("pending");
  }

  @Test
  void pluginChoosingAnUnknownProtocolVersionIsRefusedWithoutRestarts() throws Exception {
    start("echo '1|7|tcp|127.0.0.1:1|grpc'; exec sleep 30", "");

    await().atMost(WAIT).until(() -> state() == PluginState.FAILED);
  }

  @Test
  void executableWithTheWrongChecksumIsNeverStarted() throws Exception {
    Path marker = folder.resolve("started");
    start("touch " + marker + "; exec sleep 30", "sha256: " + "ab".repeat(32));

    await().atMost(WAIT).until(() -> state() == PluginState.FAILED);
    assertThat(marker).doesNotExist();
  }
}
