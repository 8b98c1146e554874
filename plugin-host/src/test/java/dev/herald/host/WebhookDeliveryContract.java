package dev.herald.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.common.HttpStatus;
import dev.herald.core.store.jooq.tables.records.DeliveryLogsRecord;
import dev.herald.core.webhook.EndpointStatus;
import dev.herald.proto.event.v1.EventEnvelope;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline in one JVM: config → bus → outbox → router → signed HTTP → logs; one subclass
 * per database.
 */
abstract class WebhookDeliveryContract {

  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path folder;
  private final TestDatabase database;
  @AutoClose private TestHerald herald;
  @AutoClose private WebhookReceiver receiver;

  WebhookDeliveryContract(TestDatabase database) {
    this.database = database;
  }

  private void start(WebhookReceiver.Plan plan, String webhooksYaml) {
    receiver = WebhookReceiver.start(SECRET, plan);
    String yaml =
        database.yaml(folder)
            + """
        delivery:
          poll_interval: 200ms
          retry:
            schedule: [50ms, 50ms, 50ms]
            jitter: 0
        webhooks:
        %s
        """
                .formatted(webhooksYaml.replace("URL", receiver.url("")));
    herald = TestHerald.start(yaml);
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
    return herald.publish(type, "acme", Collections.nCopies(count, "{}"));
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

    await().atMost(WAIT).until(() -> herald.logs().size() == 110);
    assertThat(herald.logs())
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

    await().atMost(WAIT).until(() -> herald.statuses().equals(List.of("succeeded")));
    assertThat(receiver.received())
        .extracting(WebhookReceiver.Received::webhookId)
        .containsOnly(id)
        .hasSize(failures + 1);
    List<DeliveryLogsRecord> logs = herald.logs();
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

    await().atMost(WAIT).until(() -> herald.statuses().equals(List.of("dead")));
    assertThat(receiver.received()).hasSize(4);
    assertThat(herald.logs())
        .extracting(DeliveryLogsRecord::getOutcome)
        .containsExactly("retry", "retry", "retry", "dead");
    assertThat(herald.logs()).extracting(DeliveryLogsRecord::getHttpStatus).containsOnly(503L);
  }

  @Test
  void goneDisablesTheEndpoint() {
    start((path, id, attempt) -> HttpStatus.GONE, webhook("gone", "'*'"));

    publish("user.created", 1);

    await().atMost(WAIT).until(() -> herald.statuses().equals(List.of("dead")));
    await()
        .atMost(WAIT)
        .until(
            () ->
                herald.server().webhooks().find("gone").orElseThrow().status()
                    == EndpointStatus.DISABLED);
    assertThat(receiver.received()).hasSize(1);
  }
}
