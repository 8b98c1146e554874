package dev.herald.host;

import static dev.herald.core.store.jooq.Tables.DELIVERIES;
import static dev.herald.core.store.jooq.Tables.DELIVERY_LOGS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.common.HttpStatus;
import dev.herald.core.store.jooq.tables.records.DeliveryLogsRecord;
import dev.herald.core.webhook.EndpointStatus;
import dev.herald.host.config.ConfigLoader;
import dev.herald.host.config.HeraldConfig;
import dev.herald.proto.event.v1.EventEnvelope;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole pipeline in one JVM: config → bus → SQLite outbox → router → signed HTTP → logs. */
class WebhookDeliveryIT {

  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path folder;
  private WebhookReceiver receiver;
  private HeraldServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    if (receiver != null) {
      receiver.close();
    }
  }

  private void start(WebhookReceiver.Plan plan, String webhooksYaml) {
    receiver = WebhookReceiver.start(SECRET, plan);
    String yaml =
        """
        database:
          path: %s
        delivery:
          poll_interval: 200ms
          retry:
            schedule: [50ms, 50ms, 50ms]
            jitter: 0
        webhooks:
        %s
        """
            .formatted(folder.resolve("herald.db"), webhooksYaml.replace("URL", receiver.url("")));
    HeraldConfig config = ConfigLoader.ofSystem().parse(yaml, "test.yaml");
    server = HeraldServer.start(config, Clock.systemUTC());
  }

  private static String webhook(String id, String types) {
    return """
          - id: %s
            url: URL/%s
            secret: %s
            event_types: [%s]
        """
        .formatted(id, id, SECRET, types);
  }

  private List<EventEnvelope> publish(String type, int count) {
    List<EventEnvelope> events = new ArrayList<>();
    List<CompletableFuture<Void>> durable = new ArrayList<>();
    var factory =
        new dev.herald.core.envelope.EnvelopeFactory(
            Clock.systemUTC(), new java.util.SplittableRandom(), "urn:herald:test");
    for (int i = 0; i < count; i++) {
      EventEnvelope event = factory.json(type, "acme", "{\"n\":" + i + "}");
      events.add(event);
      durable.add(server.engine().bus().publish(event));
    }
    CompletableFuture.allOf(durable.toArray(CompletableFuture[]::new)).join();
    return events;
  }

  private List<DeliveryLogsRecord> logs() {
    return server
        .database()
        .read(ctx -> ctx.selectFrom(DELIVERY_LOGS).orderBy(DELIVERY_LOGS.ID).fetch());
  }

  private List<String> statuses() {
    return server
        .database()
        .read(ctx -> ctx.select(DELIVERIES.STATUS).from(DELIVERIES).fetch(DELIVERIES.STATUS));
  }

  @Test
  void deliversEveryEventSignedToEachMatchingEndpoint() throws Exception {
    start((path, id, attempt) -> HttpStatus.OK, webhook("users", "user.*") + webhook("all", "'*'"));

    List<EventEnvelope> users = publish("user.created", 50);
    List<EventEnvelope> groups = publish("group.created", 10);

    List<String> userIds = users.stream().map(EventEnvelope::getEventId).toList();
    List<String> allIds = new ArrayList<>(userIds);
    groups.forEach(e -> allIds.add(e.getEventId()));
    await()
        .atMost(WAIT)
        .until(
            () ->
                receiver.delivered("/users").size() == 50
                    && receiver.delivered("/all").size() == 60);
    assertThat(receiver.delivered("/users")).containsExactlyInAnyOrderElementsOf(userIds);
    assertThat(receiver.delivered("/all")).containsExactlyInAnyOrderElementsOf(allIds);
    assertThat(receiver.received()).allSatisfy(r -> assertThat(r.verified()).isTrue());

    WebhookReceiver.Received first = receiver.received().get(0);
    JsonNode body = JSON.readTree(first.body());
    assertThat(body.get("event_id").asText()).isEqualTo(first.webhookId());
    assertThat(body.get("realm_id").asText()).isEqualTo("acme");
    assertThat(body.get("payload").isObject()).isTrue();

    await().atMost(WAIT).until(() -> logs().size() == 110);
    assertThat(logs())
        .allSatisfy(
            log -> {
              assertThat(log.getOutcome()).isEqualTo("succeeded");
              assertThat(log.getHttpStatus()).isEqualTo(200L);
              assertThat(log.getAttempt()).isEqualTo(1L);
              assertThat(log.getLatencyMicros()).isPositive();
            });
  }

  @Test
  void retriesUntilTheReceiverAcceptsThenLogsEveryAttempt() {
    int failures = 2;
    start(
        (path, id, attempt) ->
            attempt <= failures ? HttpStatus.INTERNAL_SERVER_ERROR : HttpStatus.NO_CONTENT,
        webhook("flaky", "user.created"));

    String id = publish("user.created", 1).get(0).getEventId();

    await().atMost(WAIT).until(() -> statuses().equals(List.of("succeeded")));
    assertThat(receiver.received())
        .extracting(WebhookReceiver.Received::webhookId)
        .containsOnly(id)
        .hasSize(failures + 1);
    List<DeliveryLogsRecord> logs = logs();
    assertThat(logs).extracting(DeliveryLogsRecord::getAttempt).containsExactly(1L, 2L, 3L);
    assertThat(logs)
        .extracting(DeliveryLogsRecord::getHttpStatus)
        .containsExactly(500L, 500L, 204L);
    assertThat(logs)
        .extracting(DeliveryLogsRecord::getOutcome)
        .containsExactly("retry", "retry", "succeeded");
    assertThat(logs).allSatisfy(log -> assertThat(log.getLatencyMicros()).isPositive());
  }

  @Test
  void deadLettersWhenEveryAttemptFails() {
    start((path, id, attempt) -> HttpStatus.SERVICE_UNAVAILABLE, webhook("down", "user.created"));

    publish("user.created", 1);

    await().atMost(WAIT).until(() -> statuses().equals(List.of("dead")));
    assertThat(receiver.received()).hasSize(4);
    assertThat(logs())
        .extracting(DeliveryLogsRecord::getOutcome)
        .containsExactly("retry", "retry", "retry", "dead");
    assertThat(logs()).extracting(DeliveryLogsRecord::getHttpStatus).containsOnly(503L);
  }

  @Test
  void goneDisablesTheEndpoint() {
    start((path, id, attempt) -> HttpStatus.GONE, webhook("gone", "'*'"));

    publish("user.created", 1);

    await().atMost(WAIT).until(() -> statuses().equals(List.of("dead")));
    await()
        .atMost(WAIT)
        .until(
            () -> server.webhooks().find("gone").orElseThrow().status() == EndpointStatus.DISABLED);
    assertThat(receiver.received()).hasSize(1);
  }
}
