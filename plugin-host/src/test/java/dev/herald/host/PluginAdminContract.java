package dev.herald.host;

import static dev.herald.host.ApiTokens.ACME_ADMIN;
import static dev.herald.host.ApiTokens.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.host.ApiClients.Reply;
import dev.herald.proto.admin.v1.CircuitState;
import dev.herald.proto.admin.v1.GetPluginRequest;
import dev.herald.proto.admin.v1.ListPluginsRequest;
import dev.herald.proto.admin.v1.PausePluginRequest;
import dev.herald.proto.admin.v1.Plugin;
import dev.herald.proto.admin.v1.PluginAdminServiceGrpc.PluginAdminServiceBlockingStub;
import dev.herald.proto.admin.v1.PluginState;
import dev.herald.proto.admin.v1.ReloadPluginsRequest;
import dev.herald.proto.admin.v1.ReloadPluginsResponse;
import dev.herald.proto.admin.v1.ResumePluginRequest;
import dev.herald.proto.plugin.v1.DeliverResponse;
import dev.herald.proto.plugin.v1.DescribeResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugins over the admin API: health and backlog, a pause that holds across restarts, reload; one
 * subclass per database.
 */
abstract class PluginAdminContract {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path folder;
  private final TestDatabase database;
  @AutoClose private TestHerald herald;
  @AutoClose private ScriptedPluginServer plugin;
  private Path plugins;
  private ApiClients api;
  private PluginAdminServiceBlockingStub admin;

  PluginAdminContract(TestDatabase database) {
    this.database = database;
  }

  @BeforeEach
  void start() throws Exception {
    plugin =
        new ScriptedPluginServer(
            DescribeResponse.newBuilder()
                .setPluginId("mirror")
                .setVersion("1.0.0")
                .setProtocolVersion(1)
                .build(),
            request ->
                DeliverResponse.newBuilder().setOutcome(DeliverResponse.Outcome.ACK).build());
    plugins = Files.createDirectories(folder.resolve("plugins"));
    writeManifest("mirror", plugin.port());
    startHerald();
  }

  private void writeManifest(String id, int port) throws Exception {
    Files.writeString(
        plugins.resolve(id + ".plugin.yaml"),
        """
        id: %s
        version: 1.0.0
        protocol_versions: [1]
        address: 127.0.0.1:%d
        subscriptions:
          - event_types: [user.*]
            realms: [acme]
        """
            .formatted(id, port));
  }

  private void startHerald() {
    herald =
        TestHerald.startWithApi(
            database,
            folder,
            """
            delivery:
              poll_interval: 100ms
            plugins:
              directory: %s
              health_interval: 100ms
            """
                .formatted(plugins),
            Clock.systemUTC());
    api = new ApiClients(herald.apiUrl());
    admin = api.grpc(PluginAdminServiceBlockingStub.class, ADMIN);
    await().atMost(WAIT).until(() -> get("mirror").getState() == PluginState.PLUGIN_STATE_SERVING);
  }

  private Plugin get(String id) {
    return admin.getPlugin(GetPluginRequest.newBuilder().setId(id).build());
  }

  @Test
  void pauseHoldsAcrossARestartAndResumeDrains() {
    Plugin paused = admin.pausePlugin(PausePluginRequest.newBuilder().setId("mirror").build());
    assertThat(paused.getPaused()).isTrue();
    assertThat(paused.getHealthy()).isTrue();

    herald.publish("user.created", "acme", "{}");
    herald.publish("user.updated", "acme", "{}");
    await().atMost(WAIT).until(() -> get("mirror").getStats().getPending() == 2);
    assertThat(get("mirror").getStats().hasOldestWaitingAge()).isTrue();
    assertThat(plugin.received()).isEmpty();

    herald.close();
    startHerald();
    assertThat(get("mirror").getPaused()).isTrue();
    assertThat(get("mirror").getStats().getPending()).isEqualTo(2);
    assertThat(plugin.received()).isEmpty();

    Reply resumed = api.post(ADMIN, "/api/v1/plugins/mirror:resume", "{}");
    assertThat(resumed.status()).isEqualTo(200);
    assertThat(resumed.body().get("paused").asBoolean()).isFalse();
    await().atMost(WAIT).until(() -> plugin.received().size() == 2);
    // Received is not yet recorded: wait for Herald's record of both.
    await()
        .atMost(WAIT)
        .until(() -> herald.statuses().stream().filter("succeeded"::equals).count() == 2);
    assertThat(herald.statuses()).containsOnly("succeeded");
    assertThat(get("mirror").getStats().getPending()).isZero();
  }

  @Test
  void listsPluginsWithHealthStateAndStatsOverGrpcAndRest() {
    Plugin mirror =
        admin.listPlugins(ListPluginsRequest.newBuilder().setRealmId("acme").build()).getPlugins(0);
    assertThat(mirror.getId()).isEqualTo("mirror");
    assertThat(mirror.getState()).isEqualTo(PluginState.PLUGIN_STATE_SERVING);
    assertThat(mirror.getHealthy()).isTrue();
    assertThat(mirror.getManaged()).isFalse();
    assertThat(mirror.getRealmsList()).containsExactly("acme");
    assertThat(mirror.getEventTypesList()).containsExactly("user.*");
    assertThat(admin.listPlugins(ListPluginsRequest.getDefaultInstance()).getPluginsCount())
        .as("it reaches realm acme only")
        .isZero();

    Reply listed = api.get(ACME_ADMIN, "/api/v1/plugins?realm_id=acme");
    assertThat(listed.status()).isEqualTo(200);
    assertThat(listed.body().get("plugins").get(0).get("state").asText())
        .isEqualTo("PLUGIN_STATE_SERVING");
    Reply one = api.get(ACME_ADMIN, "/api/v1/plugins/mirror");
    assertThat(one.body().get("stats").get("pending").asInt()).isZero();
    assertThat(one.body().get("circuit_breaker").get("state").asText())
        .isEqualTo("CIRCUIT_STATE_CLOSED");
    assertThat(mirror.getCircuitBreaker().getState()).isEqualTo(CircuitState.CIRCUIT_STATE_CLOSED);
    assertThat(
            api.post(ACME_ADMIN, "/api/v1/plugins/mirror:pause", "{}")
                .body()
                .get("paused")
                .asBoolean())
        .isTrue();
    assertThat(
            admin
                .resumePlugin(ResumePluginRequest.newBuilder().setId("mirror").build())
                .getPaused())
        .isFalse();
    assertThat(api.post(ACME_ADMIN, "/api/v1/plugins:reload", "{}").status())
        .as("reloading touches every realm")
        .isEqualTo(403);
    assertThat(api.get(ADMIN, "/api/v1/plugins/nope").status()).isEqualTo(404);
  }

  @Test
  void reloadStartsNewAndStopsRemovedPlugins() throws Exception {
    writeManifest("second", plugin.port());
    Files.writeString(
        plugins.resolve("second.plugin.yaml"),
        "delivery: {ordering: {key: payload.user_id, on_dead: skip}}\n",
        StandardOpenOption.APPEND);

    ReloadPluginsResponse added = admin.reloadPlugins(ReloadPluginsRequest.getDefaultInstance());
    assertThat(added.getStartedList()).containsExactly("second");
    assertThat(added.getUnchangedList()).containsExactly("mirror");
    assertThat(api.get(ADMIN, "/api/v1/plugins/second").body().get("ordering").toString())
        .as("the manifest's ordering")
        .isEqualTo("{\"key\":\"payload.user_id\",\"on_dead\":\"skip\"}");
    assertThat(get("mirror").hasOrdering()).as("unordered").isFalse();

    Files.delete(plugins.resolve("second.plugin.yaml"));
    Reply removed = api.post(ADMIN, "/api/v1/plugins:reload", "{}");
    assertThat(removed.status()).isEqualTo(200);
    assertThat(removed.body().get("stopped").get(0).asText()).isEqualTo("second");
    await().atMost(WAIT).until(() -> get("second").getState() == PluginState.PLUGIN_STATE_STOPPED);
    assertThat(get("second").getEventTypesList()).isEmpty();
  }
}
