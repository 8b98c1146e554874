package dev.herald.host;

import static dev.herald.host.ApiTokens.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.core.testing.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A managed plugin that keeps exiting: its restarts, and when the last began, over the API. */
class PluginRestartsIT {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path folder;
  @AutoClose private TestHerald herald;
  private final SettableClock clock =
      new SettableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));

  @Test
  void aPluginThatExitsIsRestartedAndTheApiCountsTheRestarts() throws Exception {
    Path plugins = SampleManifests.scripted(folder, "quitter", "exit 3");
    herald =
        TestHerald.startWithApi(
            folder,
            """
            plugins:
              directory: %s
              start_timeout: 2s
              restart_backoff: {initial: 50ms, max: 100ms}
              max_restarts: 2
            """
                .formatted(plugins),
            clock);
    ApiClients api = new ApiClients(herald.apiUrl());

    await()
        .atMost(WAIT)
        .until(
            () ->
                api.get(ADMIN, "/api/v1/plugins/quitter")
                    .body()
                    .path("state")
                    .asText()
                    .equals("PLUGIN_STATE_FAILED"));
    JsonNode plugin = api.get(ADMIN, "/api/v1/plugins/quitter").body();
    assertThat(plugin.path("restarts").asInt()).as("two restarts, then the cap").isEqualTo(2);
    assertThat(Instant.parse(plugin.path("last_restart_at").asText())).isEqualTo(clock.instant());
    JsonNode listed = api.get(ADMIN, "/api/v1/plugins").body().path("plugins").get(0);
    assertThat(listed.path("restarts").asInt()).isEqualTo(2);
  }
}
