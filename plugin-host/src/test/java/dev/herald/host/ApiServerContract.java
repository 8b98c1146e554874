package dev.herald.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.host.ApiClients.Reply;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the API server shows without a token: liveness, readiness, metrics and the docs; one
 * subclass per database.
 */
abstract class ApiServerContract {

  @TempDir Path folder;
  private final TestDatabase database;
  @AutoClose private TestHerald herald;
  private ApiClients api;

  ApiServerContract(TestDatabase database) {
    this.database = database;
  }

  @BeforeEach
  void start() {
    herald = TestHerald.startWithApi(database, folder, "", Clock.systemUTC());
    api = new ApiClients(herald.apiUrl());
  }

  @Test
  void answersLivenessAndReadiness() {
    assertThat(api.get(null, "/health").status()).isEqualTo(200);
    Reply ready = api.get(null, "/ready");
    assertThat(ready.status()).isEqualTo(200);
    assertThat(ready.body().get("ready").asBoolean()).isTrue();
    assertThat(ready.body().get("database").asText()).isEqualTo("reachable");
    assertThat(ready.body().get("router").asText()).isEqualTo("running");
  }

  @Test
  void servesMetricsWithoutATokenAndCountsUnroutedEvents() {
    herald.server().engine().router().close(); // nothing routes what is published now

    herald.publishUsersCreated("acme", 2);

    MetricsScrape scrape = MetricsScrape.of(herald.apiUrl(), null);
    assertThat(scrape.status()).isEqualTo(200);
    assertThat(scrape.value("herald_outbox_unrouted_events")).isEqualTo(2);
    assertThat(scrape.value("herald_events_accepted_total", "path", "bus")).isEqualTo(2);
    assertThat(scrape.value("herald_database_write_wait_seconds_count")).isPositive();
    assertThat(api.get(null, "/ready").body().get("reason").asText())
        .isEqualTo("the router is stopped");
  }

  @Test
  void notReadyOnceTheRouterStopped() {
    herald.server().engine().router().close();

    Reply ready = api.get(null, "/ready");

    assertThat(ready.status()).isEqualTo(503);
    assertThat(ready.body().get("router").asText()).isEqualTo("stopped");
  }

  @Test
  void docsShowEveryService() {
    Reply spec = api.get(null, "/docs/specification.json");

    assertThat(spec.status()).isEqualTo(200);
    List<String> services = new ArrayList<>();
    for (JsonNode service : spec.body().get("services")) {
      services.add(service.get("name").asText());
    }
    assertThat(services)
        .contains(
            "herald.admin.v1.WebhookService",
            "herald.admin.v1.DeliveryService",
            "herald.admin.v1.ReplayService",
            "herald.admin.v1.PluginAdminService",
            "herald.ingest.v1.IngestService");
    // The REST side of each service, with its transcoded paths.
    assertThat(services).contains("herald.admin.v1.WebhookService_HTTP");
    assertThat(spec.body().toString()).contains("/api/v1/webhooks/").contains(":pause$");
    assertThat(spec.body().toString())
        .as("the proto comments")
        .contains("Pauses an endpoint: its events accumulate as pending deliveries");
  }
}
