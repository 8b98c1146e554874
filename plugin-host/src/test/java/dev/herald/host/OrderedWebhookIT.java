package dev.herald.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.common.HttpStatus;
import dev.herald.core.envelope.EnvelopeFactory;
import dev.herald.proto.event.v1.EventEnvelope;
import dev.herald.proto.event.v1.Subject;
import java.io.UncheckedIOException;
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
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The failure the issue reported, tried as a new user would: one endpoint, a receiver failing 30 %
 * of requests, 20 subjects × 50 events. Ordered by subject, no attempt reaches the receiver before
 * the previous event of its subject was acknowledged, and every event arrives.
 */
class OrderedWebhookIT {

  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final int SUBJECTS = 20;
  private static final int EVENTS_PER_SUBJECT = 50;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path folder;
  @AutoClose private WebhookReceiver receiver;
  @AutoClose private TestHerald herald;

  @Test
  void aSubjectsEventsArriveOneAtATimeInOrderWhileTheReceiverFails() {
    // 30 % of the requests fail, chosen by the event and attempt, never beyond the third attempt.
    receiver =
        WebhookReceiver.start(
            SECRET,
            (path, webhookId, attempt) ->
                attempt <= 3 && Math.floorMod((webhookId + attempt).hashCode(), 10) < 3
                    ? HttpStatus.INTERNAL_SERVER_ERROR
                    : HttpStatus.OK);
    herald =
        TestHerald.startWithApi(
            folder,
            """
            delivery:
              circuit_breaker: {failure_threshold: 1000, open_for: 1s}
              retry:
                schedule: [5ms, 10ms, 20ms, 40ms, 80ms]
                jitter: 0
            webhooks:
              - id: crm
                url: %s
                secret: %s
                event_types: [profile.*]
                max_in_flight: 4
                ordering: subject
            """
                .formatted(receiver.url("/crm"), SECRET),
            Clock.systemUTC());

    publishInterleaved();

    await()
        .atMost(Duration.ofSeconds(120))
        .until(() -> receiver.delivered("/crm").size() == SUBJECTS * EVENTS_PER_SUBJECT);
    List<String> violations = new ArrayList<>();
    Map<String, Set<Integer>> acknowledged = new HashMap<>();
    int failed = 0;
    for (WebhookReceiver.Received request : receiver.received()) {
      JsonNode payload = body(request.body()).get("payload");
      String subject = payload.get("subject").asText();
      int seq = payload.get("seq").asInt();
      Set<Integer> acked = acknowledged.computeIfAbsent(subject, s -> new HashSet<>());
      for (int earlier = 0; earlier < seq; earlier++) {
        if (!acked.contains(earlier)) {
          violations.add(
              subject + " #" + seq + " arrived before #" + earlier + " was acknowledged");
          break;
        }
      }
      if (request.status() == 200) {
        acked.add(seq);
      } else {
        failed++;
      }
    }
    assertThat(violations).isEmpty();
    assertThat(failed).as("the receiver did fail requests").isGreaterThan(100);
    assertThat(herald.statuses()).hasSize(SUBJECTS * EVENTS_PER_SUBJECT).containsOnly("succeeded");
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
