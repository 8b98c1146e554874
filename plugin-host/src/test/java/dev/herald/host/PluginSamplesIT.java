package dev.herald.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.common.HttpStatus;
import dev.herald.host.plugin.PluginState;
import dev.herald.proto.event.v1.EventEnvelope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample plugins from {@code plugins-sample/} run as managed child processes of a real server:
 * the Java audit log, the Node.js user mirror and the Python group mirror, beside a webhook.
 */
class PluginSamplesIT {

  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final Path SAMPLES = SampleManifests.SAMPLES;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path folder;
  @AutoClose private TestHerald herald;
  @AutoClose private WebhookReceiver receiver;

  private Path auditLog() {
    return folder.resolve("audit.log");
  }

  private Path mirrorLog() {
    return folder.resolve("user-mirror.log");
  }

  private Path groupMirrorLog() {
    return folder.resolve("group-mirror.log");
  }

  private void writeGroupMirrorManifest(Path plugins) throws IOException {
    Files.writeString(
        plugins.resolve("group-mirror.plugin.yaml"),
        """
        id: group-mirror
        version: 0.1.0
        protocol_versions: [1]
        command: [%s]
        subscriptions:
          - event_types: [group.*]
        env:
          MIRROR_FILE: %s
        """
            .formatted(SAMPLES.resolve("python-plugin/group_mirror.py"), groupMirrorLog()));
  }

  private void writeAuditManifest(Path plugins, String realms) throws IOException {
    SampleManifests.auditLog(plugins, auditLog(), realms);
  }

  private void writeMirrorManifest(Path plugins) throws IOException {
    Files.writeString(
        plugins.resolve("user-mirror.plugin.yaml"),
        """
        id: user-mirror
        version: 0.1.0
        protocol_versions: [1]
        command: [node, %s]
        subscriptions:
          - event_types: [user.*]
        env:
          MIRROR_FILE: %s
        """
            .formatted(SAMPLES.resolve("node-plugin/index.js"), mirrorLog()));
  }

  private void start(Path plugins, String webhooks) {
    String yaml =
        """
        database:
          path: %s
        delivery:
          poll_interval: 100ms
          retry:
            schedule: [100ms, 200ms, 400ms, 800ms, 1s, 1s, 1s, 1s]
            jitter: 0
        plugins:
          directory: %s
          start_timeout: 30s
          health_interval: 200ms
          restart_backoff: {initial: 100ms, max: 1s}
        webhooks:
        %s
        """
            .formatted(folder.resolve("herald.db"), plugins, webhooks);
    herald = TestHerald.start(yaml);
  }

  private EventEnvelope publish(String type, String realm) {
    return herald.publish(type, realm, "{}");
  }

  private static List<String> lines(Path file) {
    try {
      return Files.exists(file) ? Files.readAllLines(file) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns "type@realm" of each distinct event in the audit log. */
  private Set<String> audited() {
    Set<String> seen = new LinkedHashSet<>();
    for (String line : lines(auditLog())) {
      try {
        JsonNode envelope = JSON.readTree(line).get("envelope");
        seen.add(envelope.path("event_type").asText() + "@" + envelope.path("realm_id").asText());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return seen;
  }

  private Set<String> auditedIds() {
    Set<String> ids = new LinkedHashSet<>();
    for (String line : lines(auditLog())) {
      try {
        ids.add(JSON.readTree(line).get("envelope").path("event_id").asText());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return ids;
  }

  @Test
  void threeSamplePluginsAndAWebhookReceiveExactlyTheirEvents() throws Exception {
    receiver = WebhookReceiver.start(SECRET, (path, id, attempt) -> HttpStatus.OK);
    Path plugins = Files.createDirectories(folder.resolve("plugins"));
    writeAuditManifest(plugins, "[acme]");
    writeMirrorManifest(plugins);
    writeGroupMirrorManifest(plugins);
    start(
        plugins,
        """
          - id: everything
            url: %s
            secret: %s
            event_types: ['*']
        """
            .formatted(receiver.url("/all"), SECRET));

    List<EventEnvelope> published = new ArrayList<>();
    published.add(publish("user.created", "acme"));
    published.add(publish("group.created", "acme"));
    published.add(publish("user.updated", "other"));
    published.add(publish("role.created", "acme"));

    await()
        .atMost(WAIT)
        .until(
            () ->
                audited().size() >= 2
                    && lines(mirrorLog()).size() >= 2
                    && !lines(groupMirrorLog()).isEmpty());
    await().atMost(WAIT).until(() -> receiver.delivered("/all").size() == 4);
    assertThat(audited()).containsExactlyInAnyOrder("user.created@acme", "group.created@acme");
    assertThat(lines(mirrorLog()))
        .containsExactlyInAnyOrder(
            "user.created " + published.get(0).getEventId(),
            "user.updated " + published.get(2).getEventId());
    assertThat(lines(groupMirrorLog()))
        .containsExactly("group.created " + published.get(1).getEventId());
    assertThat(receiver.delivered("/all"))
        .containsExactlyInAnyOrderElementsOf(
            published.stream().map(EventEnvelope::getEventId).toList());
  }

  @Test
  void killedPluginIsRestartedAndNoEventIsLost() throws Exception {
    Path plugins = Files.createDirectories(folder.resolve("plugins"));
    writeAuditManifest(plugins, "[]");
    start(plugins, "  []");
    Set<String> expected = new LinkedHashSet<>();
    for (int i = 0; i < 30; i++) {
      expected.add(publish("user.created", "acme").getEventId());
    }
    await().atMost(WAIT).until(() -> auditedIds().size() >= 5);

    List<ProcessHandle> pluginProcesses =
        ProcessHandle.current()
            .descendants()
            .filter(p -> p.info().commandLine().orElse("").contains("herald-plugins-sample"))
            .toList();
    assertThat(pluginProcesses).as("the audit-log plugin's JVM").isNotEmpty();
    pluginProcesses.forEach(ProcessHandle::destroyForcibly);
    for (int i = 0; i < 30; i++) {
      expected.add(publish("user.created", "acme").getEventId());
    }

    await().atMost(WAIT).until(() -> auditedIds().containsAll(expected));
    await()
        .atMost(WAIT)
        .until(
            () ->
                herald.server().plugins().find("audit-log").orElseThrow().state()
                    == PluginState.SERVING);
    assertThat(pluginProcesses).noneMatch(ProcessHandle::isAlive);
  }
}
