package dev.herald.host;

import static dev.herald.host.ApiTokens.ACME_PUBLISHER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.linecorp.armeria.common.HttpStatus;
import dev.herald.core.envelope.EnvelopeFactory;
import dev.herald.proto.ingest.v1.IngestServiceGrpc.IngestServiceBlockingStub;
import dev.herald.proto.ingest.v1.PublishRequest;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /metrics} during real delivery runs: a receiver that answers one webhook and fails the
 * other, scraped over HTTP while the attempts are under way and after they are recorded.
 */
class MetricsIT {

  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String OK = "webhook:ok";
  private static final String FAILING = "webhook:failing";

  @TempDir Path folder;
  @AutoClose private WebhookReceiver receiver;
  @AutoClose private TestHerald herald;

  private void startHerald(String delivery) {
    receiver =
        WebhookReceiver.start(
            SECRET,
            (path, id, attempt) ->
                path.equals("/ok") ? HttpStatus.OK : HttpStatus.INTERNAL_SERVER_ERROR);
    herald =
        TestHerald.startWithApi(
            folder,
            delivery
                + """
                webhooks:
                  - id: ok
                    url: %s
                    secret: %s
                    event_types: [user.*]
                  - id: failing
                    url: %s
                    secret: %s
                    event_types: [user.*]
                """
                    .formatted(receiver.url("/ok"), SECRET, receiver.url("/failing"), SECRET),
            Clock.systemUTC());
  }

  private MetricsScrape scrape() {
    MetricsScrape scrape = MetricsScrape.of(herald.apiUrl(), null);
    assertThat(scrape.status()).as("no token needed by default").isEqualTo(200);
    return scrape;
  }

  @Test
  void countersAndGaugesFollowADeliveryRun() {
    startHerald(
        """
        delivery:
          retry: {schedule: [10ms], jitter: 0}
          circuit_breaker: {failure_threshold: 100, open_for: 1h}
        """);
    MetricsScrape before = scrape();
    assertThat(before.contentType()).startsWith("text/plain");
    assertThat(before.has("herald_deliveries", "target", OK, "state", "pending")).isTrue();
    assertThat(before.value("herald_deliveries", "target", OK)).isZero();
    assertThat(before.value("herald_delivery_attempts_total")).isZero();

    receiver.holdAnswers();
    herald.publishUsersCreated("acme", 3);

    // While the receiver holds its answers, the deliveries are in flight and nothing is counted.
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              MetricsScrape during = scrape();
              assertThat(during.value("herald_deliveries", "target", OK, "state", "in_flight"))
                  .isEqualTo(3);
              assertThat(during.value("herald_delivery_lag_seconds", "target", OK)).isPositive();
            });
    MetricsScrape during = scrape();
    assertThat(during.value("herald_delivery_attempts_total", "target", OK)).isZero();
    assertThat(during.value("herald_events_accepted_total", "path", "bus")).isEqualTo(3);
    assertThat(during.value("herald_outbox_writer_batch_size_events_count")).isPositive();
    assertThat(during.value("herald_database_write_wait_seconds_count")).isPositive();

    receiver.releaseAnswers();

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              MetricsScrape after = scrape();
              assertThat(
                      after.value(
                          "herald_delivery_attempts_total",
                          "target",
                          OK,
                          "outcome",
                          "delivered",
                          "error_class",
                          "none"))
                  .isEqualTo(3);
              assertThat(after.value("herald_delivery_dead_letters_total", "target", FAILING))
                  .isEqualTo(3);
              assertThat(after.value("herald_deliveries", "target", OK)).isZero();
              assertThat(after.value("herald_deliveries", "target", FAILING, "state", "dead"))
                  .isEqualTo(3);
            });
    MetricsScrape after = scrape();
    assertThat(after.value("herald_delivery_attempt_duration_seconds_count", "target", OK))
        .isEqualTo(3);
    assertThat(
            after.value(
                "herald_delivery_attempt_duration_seconds_bucket", "target", OK, "le", "+Inf"))
        .isEqualTo(3);
    // One failure retried after 10ms, the second out of retries: dead.
    assertThat(
            after.value(
                "herald_delivery_attempts_total",
                "target",
                FAILING,
                "outcome",
                "retry",
                "error_class",
                "http_5xx"))
        .isEqualTo(6);
    assertThat(after.value("herald_delivery_retries_scheduled_total", "target", FAILING))
        .isEqualTo(3);
    assertThat(after.value("herald_delivery_dead_letters_total", "target", OK)).isZero();
    assertThat(after.value("herald_circuit_breaker_state", "target", OK, "state", "closed"))
        .isEqualTo(1);
    assertThat(after.has("herald_outbox_unrouted_events")).isTrue();
    assertThat(after.value("herald_outbox_unrouted_events")).isZero();
    assertThat(after.has("herald_bus_queue_depth")).isTrue();
    assertThat(after.value("herald_bus_queue_depth")).isZero();
    assertThat(after.has("herald_target_stuck", "target", OK)).isTrue();
    assertThat(after.value("herald_target_stuck")).isZero();
    assertThat(after.has("herald_delivery_oldest_due_seconds", "target", OK)).isTrue();
  }

  @Test
  void anOpenBreakerShowsInTheBreakerGauge() {
    startHerald(
        """
        delivery:
          circuit_breaker: {failure_threshold: 2, open_for: 1h}
        """);

    herald.publishUsersCreated("acme", 3);

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              MetricsScrape scrape = scrape();
              assertThat(
                      scrape.value(
                          "herald_circuit_breaker_state", "target", FAILING, "state", "open"))
                  .isEqualTo(1);
              assertThat(
                      scrape.value(
                          "herald_circuit_breaker_state", "target", FAILING, "state", "closed"))
                  .isZero();
            });
  }

  @Test
  void ingestRefusalsAreCountedByReason() {
    startHerald("ingest:\n  quota: 1/min\n");
    EnvelopeFactory events =
        new EnvelopeFactory(Clock.systemUTC(), new SplittableRandom(3), "urn:herald:remote");
    IngestServiceBlockingStub ingest =
        new ApiClients(herald.apiUrl()).grpc(IngestServiceBlockingStub.class, ACME_PUBLISHER);
    ingest.publish(
        PublishRequest.newBuilder()
            .setEvent(events.json("user.created", "acme", "{\"user_id\":\"u1\"}"))
            .build());
    try {
      ingest.publish(
          PublishRequest.newBuilder()
              .setEvent(events.json("user.created", "acme", "{\"user_id\":\"u2\"}"))
              .build());
    } catch (StatusRuntimeException expected) {
      // over the quota
    }

    MetricsScrape scrape = scrape();
    assertThat(scrape.value("herald_events_refused_total", "path", "ingest", "reason", "quota"))
        .isEqualTo(1);
    assertThat(scrape.value("herald_events_refused_total", "path", "ingest", "reason", "invalid"))
        .isZero();
  }

  @Test
  void pluginStateAndRestartsAreShown() throws Exception {
    // It never prints its handshake: every start times out, two restarts, then FAILED.
    Path plugins = SampleManifests.scripted(folder, "mute", "exec sleep 30");
    herald =
        TestHerald.start(
            TestDatabase.sqlite().yaml(folder)
                + """
                plugins:
                  directory: %s
                  start_timeout: 300ms
                  restart_backoff: {initial: 50ms, max: 100ms}
                  max_restarts: 2
                  shutdown_grace: 1s
                """
                    .formatted(plugins));

    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(
                        scrape().value("herald_plugin_state", "plugin", "mute", "state", "failed"))
                    .isEqualTo(1));
    MetricsScrape scrape = scrape();
    assertThat(scrape.value("herald_plugin_state", "plugin", "mute"))
        .as("one state at a time")
        .isEqualTo(1);
    assertThat(scrape.value("herald_plugin_restarts_total", "plugin", "mute")).isEqualTo(2);
  }

  @Test
  void metricsNeedATokenWhenConfigured() {
    herald =
        TestHerald.start(
            TestDatabase.sqlite().yaml(folder)
                + """
                api:
                  metrics: {require_token: true}
                  tokens:
                    - name: acme-publisher
                      role: publisher
                      sha256: %s
                """
                    .formatted(ApiTokens.sha256(ACME_PUBLISHER)));

    assertThat(MetricsScrape.of(herald.apiUrl(), null).status()).isEqualTo(401);
    assertThat(MetricsScrape.of(herald.apiUrl(), "not-a-token").status()).isEqualTo(401);
    MetricsScrape withToken = MetricsScrape.of(herald.apiUrl(), ACME_PUBLISHER);
    assertThat(withToken.status()).as("a token of any role").isEqualTo(200);
    assertThat(withToken.has("herald_bus_queue_depth")).isTrue();
  }
}
