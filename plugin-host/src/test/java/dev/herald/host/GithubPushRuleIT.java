package dev.herald.host;

import static dev.herald.core.store.jooq.Tables.DELIVERIES;
import static dev.herald.core.store.jooq.Tables.EVENT_OUTBOX;
import static dev.herald.host.ApiTokens.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import dev.herald.core.rule.JsonTrees;
import dev.herald.host.ApiClients.Reply;
import dev.herald.host.WebhookReceiver.Received;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.jooq.Table;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's worked example, end to end on a real server: GitHub pushes come in signed at {@code
 * /in/github}, a content pattern on {@code repository.full_name} lets only one repository's pushes
 * through, and the webhook receives a JMESPath-shaped body signed as sent.
 */
class GithubPushRuleIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String GITHUB_SECRET = "It's a Secret to Everybody";
  private static final String HOOK_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final String PUSH =
      """
      {"ref": "refs/heads/main", "repository": {"full_name": "%s"}, "pusher": {"name": "ada"},
       "commits": [{"id": "c1"}, {"id": "c2"}]}""";

  @TempDir Path folder;
  private WebhookReceiver receiver;
  private TestHerald herald;

  @BeforeEach
  void start() {
    receiver = WebhookReceiver.start(HOOK_SECRET, (path, id, attempt) -> HttpStatus.OK);
    herald =
        TestHerald.startWithApi(
            folder,
            """
            delivery:
              poll_interval: 100ms
            sources:
              github:
                verifier: github
                secret: "%s"
            webhooks:
              - id: chat
                url: %s
                secret: %s
                subscriptions:
                  - event_types: [github.push]
                    content_pattern: {payload: {repository: {full_name: [acme/api]}}}
                    transform: '{repo: payload.repository.full_name, pusher: payload.pusher.name, commits: length(payload.commits)}'
            """
                .formatted(GITHUB_SECRET, receiver.url("/chat"), HOOK_SECRET),
            Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    if (herald != null) {
      herald.close();
    }
    receiver.close();
  }

  @Test
  void onlyTheRepositorysPushesArriveShapedAndSigned() {
    String otherEvent = push("acme/web", "delivery-1");
    push("acme/api", "delivery-2");

    await().atMost(WAIT).until(() -> receiver.delivered("/chat").size() == 1);
    List<Received> received = receiver.received();
    assertThat(received).hasSize(1);
    assertThat(received.get(0).body())
        .isEqualTo("{\"repo\":\"acme/api\",\"pusher\":\"ada\",\"commits\":2}");
    assertThat(received.get(0).verified()).as("signature over the shaped body").isTrue();

    // Both pushes are stored; only the wanted one cost a delivery row.
    assertThat(rows(EVENT_OUTBOX)).isEqualTo(2);
    assertThat(rows(DELIVERIES)).isEqualTo(1);

    Reply preview =
        new ApiClients(herald.apiUrl())
            .get(ADMIN, "/api/v1/webhooks/chat/preview?event_id=" + otherEvent);
    assertThat(preview.status()).as(preview.body().toString()).isEqualTo(200);
    assertThat(preview.body().path("selected").asBoolean()).isFalse();
  }

  private int rows(Table<?> table) {
    return herald.server().database().read(ctx -> ctx.fetchCount(table));
  }

  /** Posts a push signed as GitHub does; returns the stored event's id. */
  private String push(String repository, String deliveryId) {
    String body = PUSH.formatted(repository);
    RequestHeaders headers =
        RequestHeaders.builder(HttpMethod.POST, "/in/github")
            .contentType(MediaType.JSON_UTF_8)
            .add("X-GitHub-Event", "push")
            .add("X-GitHub-Delivery", deliveryId)
            .add("X-Hub-Signature-256", ProviderSignatures.github(GITHUB_SECRET, body))
            .build();
    AggregatedHttpResponse response =
        WebClient.of(herald.apiUrl()).blocking().execute(headers, body);
    assertThat(response.status().code()).as(response.contentUtf8()).isEqualTo(202);
    return JsonTrees.parse(response.contentUtf8()).get("event_id").asText();
  }
}
