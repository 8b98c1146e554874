package dev.herald.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.common.HttpStatus;
import dev.herald.core.envelope.EnvelopeFactory;
import dev.herald.host.plugin.PluginState;
import dev.herald.proto.event.v1.EventEnvelope;
import dev.herald.proto.event.v1.Subject;
import dev.herald.proto.plugin.v1.DeliverResponse;
import dev.herald.proto.plugin.v1.DeliverResponse.Outcome;
import dev.herald.proto.plugin.v1.DescribeResponse;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ordered delivery seen from outside, on each database. The failure the issue reported, tried as a
 * new user would: one endpoint, a receiver failing 30 % of requests, 20 subjects × 50 events.
 * Ordered by subject, no attempt reaches the webhook receiver, nor a plugin, before the previous
 * event of its subject was acknowledged, and every event arrives.
 */
abstract class OrderedDeliveryContract {

  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final int SUBJECTS = 20;
  private static final int EVENTS_PER_SUBJECT = 50;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(120);

  private final TestDatabase database;

  @TempDir Path folder;
  @AutoClose private WebhookReceiver receiver;
  @AutoClose private ScriptedPluginServer plugin;
  @AutoClose private TestHerald herald;

  OrderedDeliveryContract(TestDatabase database) {
    this.database = database;
  }

  /**
   * One request as its receiver saw it: the event's subject and place, and whether it was acked.
   */
  private record Arrival(String subject, int seq, boolean acknowledged) {}

  /**
   * Starts Herald on the test's database with quick retries and a breaker that stays closed (a run
   * of failures must not pause the target: the test is about order, not pauses), then {@code yaml}.
   */
  private TestHerald start(String yaml) {
    return TestHerald.startWithApi(
        database,
        folder,
        """
        delivery:
          circuit_breaker: {failure_threshold: 1000, open_for: 1s}
          retry:
            schedule: [5ms, 10ms, 20ms, 40ms, 80ms]
            jitter: 0
        """
            + yaml,
        Clock.systemUTC());
  }

  /** 30 % of the requests fail, chosen by the event and attempt, never beyond the third attempt. */
  private static boolean fails(String eventId, int attempt) {
    return attempt <= 3 && Math.floorMod((eventId + attempt).hashCode(), 10) < 3;
  }

  @Test
  void aWebhookOrderedBySubjectGetsEachSubjectsEventsInOrderWhileItFails() {
    receiver =
        WebhookReceiver.start(
            SECRET,
            (path, webhookId, attempt) ->
                fails(webhookId, attempt) ? HttpStatus.INTERNAL_SERVER_ERROR : HttpStatus.OK);
    herald =
        start(
            """
            webhooks:
              - id: crm
                url: %s
                secret: %s
                event_types: [profile.*]
                max_in_flight: 4
                ordering: subject
            """
                .formatted(receiver.url("/crm"), SECRET));

    publishInterleaved();

    await()
        .atMost(WAIT)
        .until(() -> receiver.delivered("/crm").size() == SUBJECTS * EVENTS_PER_SUBJECT);
    List<Arrival> arrivals = new ArrayList<>();
    for (WebhookReceiver.Received request : receiver.received()) {
      JsonNode payload = body(request.body()).get("payload");
      arrivals.add(
          new Arrival(
              payload.get("subject").asText(),
              payload.get("seq").asInt(),
              request.status() == 200));
    }
    assertInOrderAndComplete(arrivals);
  }

  @Test
  void aPluginOrderedBySubjectGetsEachSubjectsEventsInOrderWhileItAsksForRetries()
      throws Exception {
    List<Arrival> arrivals = new CopyOnWriteArrayList<>();
    plugin =
        new ScriptedPluginServer(
            DescribeResponse.newBuilder().setPluginId("mirror").setProtocolVersion(1).build(),
            request -> {
              JsonNode payload = body(request.getEnvelope().getJsonPayload());
              boolean retry = fails(request.getEnvelope().getEventId(), request.getAttempt());
              arrivals.add(
                  new Arrival(payload.get("subject").asText(), payload.get("seq").asInt(), !retry));
              return DeliverResponse.newBuilder()
                  .setOutcome(retry ? Outcome.RETRY : Outcome.ACK)
                  .build();
            });
    Path plugins = Files.createDirectories(folder.resolve("plugins"));
    Files.writeString(
        plugins.resolve("mirror.plugin.yaml"),
        """
        id: mirror
        version: 1.0.0
        protocol_versions: [1]
        address: 127.0.0.1:%d
        subscriptions:
          - event_types: [profile.*]
        delivery:
          max_in_flight: 4
          ordering: {key: subject, on_dead: block}
        """
            .formatted(plugin.port()));
    herald =
        start(
            """
            plugins:
              directory: %s
              health_interval: 100ms
            """
                .formatted(plugins));
    await()
        .atMost(WAIT)
        .until(
            () ->
                herald.server().plugins().find("mirror").orElseThrow().state()
                    == PluginState.SERVING);

    publishInterleaved();

    await()
        .atMost(WAIT)
        .until(
            () ->
                arrivals.stream().filter(Arrival::acknowledged).count()
                    >= SUBJECTS * EVENTS_PER_SUBJECT);
    assertInOrderAndComplete(arrivals);
  }

  /**
   * Asserts no request of a subject arrived before every earlier event of it was acknowledged, the
   * receiver did fail requests, and every event ended delivered.
   */
  private void assertInOrderAndComplete(List<Arrival> arrivals) {
    List<String> violations = new ArrayList<>();
    Map<String, Set<Integer>> acknowledged = new HashMap<>();
    int failed = 0;
    for (Arrival arrival : arrivals) {
      Set<Integer> acked = acknowledged.computeIfAbsent(arrival.subject(), s -> new HashSet<>());
      for (int earlier = 0; earlier < arrival.seq(); earlier++) {
        if (!acked.contains(earlier)) {
          violations.add(
              arrival.subject()
                  + " #"
                  + arrival.seq()
                  + " arrived before #"
                  + earlier
                  + " was acknowledged");
          break;
        }
      }
      if (arrival.acknowledged()) {
        acked.add(arrival.seq());
      } else {
        failed++;
      }
    }
    assertThat(violations).isEmpty();
    assertThat(failed).as("the receiver did fail requests").isGreaterThan(100);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(herald.statuses())
                    .hasSize(SUBJECTS * EVENTS_PER_SUBJECT)
                    .containsOnly("succeeded"));
  }

  /** Publishes each subject's events in order, the subjects interleaved as a busy service would. */
  private void publishInterleaved() {
    EnvelopeFactory events =
        new EnvelopeFactory(Clock.systemUTC(), new SplittableRandom(3), "urn:identity");
    List<CompletableFuture<Void>> durable = new ArrayList<>();
    for (int seq = 0; seq < EVENTS_PER_SUBJECT; seq++) {
      for (int s = 0; s < SUBJECTS; s++) {
        String subject = "u" + s;
        EventEnvelope event =
            events
                .stamped("profile.changed", 1, "")
                .setSubject(Subject.newBuilder().setType("user").setId(subject))
                .setJsonPayload("{\"subject\":\"" + subject + "\",\"seq\":" + seq + "}")
                .build();
        durable.add(herald.server().engine().bus().publish(event));
      }
    }
    CompletableFuture.allOf(durable.toArray(CompletableFuture[]::new)).join();
  }

  private static JsonNode body(String text) {
    try {
      return JSON.readTree(text);
    } catch (java.io.IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
