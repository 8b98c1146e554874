package dev.herald.host;

import static dev.herald.core.store.jooq.Tables.EVENT_OUTBOX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.common.RequestHeadersBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inbound webhooks over real HTTP: each verifier, the refusals (which store nothing),
 * de-duplication and the way to a webhook receiver. One subclass per database.
 */
abstract class InboundWebhooksContract {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RECEIVER_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final String GITHUB_SECRET = "It's a Secret to Everybody";
  private static final String STRIPE_SECRET = "whsec_stripe_test_secret";
  private static final String SVIX_SECRET = "whsec_dGhpcyBpcyBhIDI0IGJ5dGUga2V5ISEh";
  private static final int MAX_BODY = 2048;

  /** Returns the database of the test. */
  protected abstract TestDatabase database();

  @TempDir Path folder;
  private WebhookReceiver receiver;
  private TestHerald herald;
  private WebClient client;

  /** One inbound request and its answer: status and JSON body. */
  private record Answer(int status, JsonNode body) {}

  @BeforeEach
  void start() {
    receiver = WebhookReceiver.start(RECEIVER_SECRET, (path, id, attempt) -> HttpStatus.OK);
    herald =
        TestHerald.start(
            database().yaml(folder)
                + """
                events:
                  max_payload_bytes: %d
                delivery:
                  poll_interval: 100ms
                sources:
                  github:
                    verifier: github
                    secret: "%s"
                    realm: acme
                  stripe:
                    verifier: stripe
                    secret: %s
                    tolerance: 60s
                    realm: acme
                  svix:
                    verifier: standard-webhooks
                    secret: %s
                  shop:
                    verifier: hmac
                    header: X-Shop-Signature
                    algorithm: sha512
                    encoding: base64
                    secret: shop-secret
                    event_type: shop.{body:topic}
                    delivery_id: "{header:Idempotency-Key}"
                  cron:
                    verifier: token
                    secret: cron-token
                    event_type: cron.{header:X-Job}.finished
                  idp:
                    verifier: token
                    secret: idp-token
                    event_type: "{header:X-Kind}"
                    realm: acme
                  off:
                    verifier: token
                    secret: off-token
                    event_type: off.thing
                    enabled: false
                webhooks:
                  - id: all
                    url: %s
                    secret: %s
                    event_types: ['*']
                """
                    .formatted(
                        MAX_BODY,
                        GITHUB_SECRET,
                        STRIPE_SECRET,
                        SVIX_SECRET,
                        receiver.url("/all"),
                        RECEIVER_SECRET));
    client = WebClient.builder(herald.apiUrl()).responseTimeout(WAIT).build();
  }

  @AfterEach
  void stop() {
    if (herald != null) {
      herald.close();
    }
    receiver.close();
  }

  private Answer post(String source, String body, String... headers) {
    RequestHeadersBuilder request =
        RequestHeaders.builder(HttpMethod.POST, "/in/" + source).contentType(MediaType.JSON_UTF_8);
    for (int i = 0; i < headers.length; i += 2) {
      request.add(headers[i], headers[i + 1]);
    }
    AggregatedHttpResponse response = client.blocking().execute(request.build(), body);
    try {
      assertThat(response.contentType()).isEqualTo(MediaType.JSON_UTF_8);
      return new Answer(response.status().code(), JSON.readTree(response.contentUtf8()));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private Answer github(String event, String delivery, String body) {
    return post(
        "github",
        body,
        "X-GitHub-Event",
        event,
        "X-GitHub-Delivery",
        delivery,
        "X-Hub-Signature-256",
        ProviderSignatures.github(GITHUB_SECRET, body));
  }

  private int storedEvents() {
    return herald.server().database().read(ctx -> ctx.fetchCount(EVENT_OUTBOX));
  }

  private static void assertAccepted(Answer answer) {
    assertThat(answer.status()).as(answer.body().toString()).isEqualTo(202);
    assertThat(answer.body().get("event_id").asText()).isNotEmpty();
  }

  @Test
  void aGithubPushBecomesAnEventThatReachesAWebhookReceiver() throws Exception {
    String body = "{\"ref\":\"refs/heads/main\",\"repository\":{\"full_name\":\"acme/app\"}}";
    String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    Answer answer =
        post(
            "github",
            body,
            "X-GitHub-Event",
            "push",
            "X-GitHub-Delivery",
            "72d3162e-cc78-11e3-81ab-4c9367dc0958",
            "X-Hub-Signature-256",
            ProviderSignatures.github(GITHUB_SECRET, body),
            "X-Correlation-ID",
            "corr-42",
            "traceparent",
            traceparent);

    assertAccepted(answer);
    assertThat(answer.body().get("duplicate").asBoolean()).isFalse();
    await().atMost(WAIT).until(() -> !receiver.delivered("/all").isEmpty());
    WebhookReceiver.Received delivered = receiver.received().get(0);
    assertThat(delivered.verified()).isTrue();
    JsonNode event = JSON.readTree(delivered.body());
    assertThat(event.get("event_id").asText()).isEqualTo(answer.body().get("event_id").asText());
    assertThat(event.get("event_type").asText()).isEqualTo("github.push");
    assertThat(event.get("source").asText()).isEqualTo("urn:herald:in:github");
    assertThat(event.get("realm_id").asText()).isEqualTo("acme");
    assertThat(event.get("correlation_id").asText()).isEqualTo("corr-42");
    assertThat(event.get("traceparent").asText()).isEqualTo(traceparent);
    assertThat(delivered.body()).contains("acme/app");
  }

  @Test
  void theActionJoinsTheEventTypeWhenThereIsOne() throws Exception {
    Answer answer = github("Issues", "d-issue", "{\"action\":\"opened\"}");

    assertAccepted(answer);
    await().atMost(WAIT).until(() -> !receiver.delivered("/all").isEmpty());
    assertThat(JSON.readTree(receiver.received().get(0).body()).get("event_type").asText())
        .isEqualTo("github.issues.opened");
  }

  @Test
  void eachVerifierAcceptsItsProvidersSignatureAndRefusesAnother() {
    String stripeBody = "{\"id\":\"evt_1\",\"type\":\"invoice.paid\"}";
    long now = Instant.now().getEpochSecond();
    assertAccepted(
        post(
            "stripe",
            stripeBody,
            "Stripe-Signature",
            ProviderSignatures.stripe(STRIPE_SECRET, now, stripeBody)));
    String svixBody = "{\"type\":\"user.signed_up\"}";
    assertAccepted(
        post(
            "svix",
            svixBody,
            "webhook-id",
            "msg_1",
            "webhook-timestamp",
            Long.toString(now),
            "webhook-signature",
            ProviderSignatures.standardWebhooks(SVIX_SECRET, "msg_1", now, svixBody)));
    assertAccepted(
        post(
            "svix",
            svixBody,
            "svix-id",
            "msg_2",
            "svix-timestamp",
            Long.toString(now),
            "svix-signature",
            ProviderSignatures.standardWebhooks(SVIX_SECRET, "msg_2", now, svixBody)));
    String shopBody = "{\"topic\":\"orders.create\"}";
    assertAccepted(
        post(
            "shop",
            shopBody,
            "X-Shop-Signature",
            ProviderSignatures.hmacSha512Base64("shop-secret", shopBody)));
    assertAccepted(post("cron", "{}", "Authorization", "Bearer cron-token", "X-Job", "backup"));
    assertAccepted(github("push", "d-ok", "{}"));
    int stored = storedEvents();
    assertThat(stored).isEqualTo(6);

    List<Answer> refused =
        List.of(
            post(
                "github",
                "{}",
                "X-GitHub-Event",
                "push",
                "X-Hub-Signature-256",
                ProviderSignatures.github("another secret", "{}")),
            post(
                "stripe",
                stripeBody,
                "Stripe-Signature",
                ProviderSignatures.stripe("whsec_other", now, stripeBody)),
            post(
                "svix",
                svixBody,
                "webhook-id",
                "msg_3",
                "webhook-timestamp",
                Long.toString(now),
                "webhook-signature",
                ProviderSignatures.standardWebhooks(SVIX_SECRET, "msg_other", now, svixBody)),
            post(
                "shop",
                shopBody,
                "X-Shop-Signature",
                ProviderSignatures.hmacSha512Base64("shop-secret", "{}")),
            post("cron", "{}", "Authorization", "Bearer not-the-token", "X-Job", "backup"),
            post("cron", "{}", "X-Job", "backup"));
    assertThat(refused).allSatisfy(a -> assertThat(a.status()).isEqualTo(401));
    assertThat(refused.get(0).body().get("error").asText()).contains("bad signature");
    assertThat(refused.get(5).body().get("error").asText()).contains("missing Authorization");
    assertThat(storedEvents()).isEqualTo(stored);
  }

  @Test
  void anExpiredOrFutureTimestampIsRefusedWithTheReason() {
    String body = "{\"id\":\"evt_old\",\"type\":\"invoice.paid\"}";
    long old = Instant.now().getEpochSecond() - 120;
    Answer stripe =
        post(
            "stripe",
            body,
            "Stripe-Signature",
            ProviderSignatures.stripe(STRIPE_SECRET, old, body));
    long future = Instant.now().getEpochSecond() + 600;
    Answer svix =
        post(
            "svix",
            body,
            "webhook-id",
            "msg_f",
            "webhook-timestamp",
            Long.toString(future),
            "webhook-signature",
            ProviderSignatures.standardWebhooks(SVIX_SECRET, "msg_f", future, body));

    assertThat(stripe.status()).isEqualTo(401);
    assertThat(stripe.body().get("error").asText()).contains("in the past").contains("within 60 s");
    assertThat(svix.status()).isEqualTo(401);
    assertThat(svix.body().get("error").asText()).contains("in the future");
    assertThat(storedEvents()).isZero();
  }

  @Test
  void refusalsAnswerTheirStatusWithAJsonErrorAndStoreNothing() {
    Answer unknown = post("nosuch", "{}", "Authorization", "Bearer x");
    Answer disabled = post("off", "{}", "Authorization", "Bearer off-token");
    Answer tooBig = github("push", "d-big", "{\"x\":\"" + "a".repeat(MAX_BODY) + "\"}");
    Answer notJson = github("push", "d-bad", "{\"ref\":");
    Answer badType = github("Push Event!", "d-type", "{}");

    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.body().get("error").asText()).contains("nosuch");
    assertThat(disabled.status()).isEqualTo(404);
    assertThat(tooBig.status()).isEqualTo(413);
    assertThat(tooBig.body().get("error").asText()).contains(Integer.toString(MAX_BODY));
    assertThat(notJson.status()).isEqualTo(400);
    assertThat(notJson.body().get("error").asText()).contains("not valid JSON");
    assertThat(badType.status()).isEqualTo(422);
    assertThat(badType.body().get("error").asText()).contains("github.push event!");
    assertThat(storedEvents()).isZero();
    // A refused delivery id is not remembered: the provider's fixed retry is accepted.
    assertAccepted(github("push", "d-type", "{}"));
  }

  @Test
  void aCatalogueEventTypeGetsItsTypedPayloadAsIngestGivesIt() throws Exception {
    Answer typed =
        post(
            "idp",
            "{\"user_id\":\"u1\",\"username\":\"ada\"}",
            "Authorization",
            "Bearer idp-token",
            "X-Kind",
            "user.created");
    Answer unknownField =
        post(
            "idp",
            "{\"shoe_size\":44}",
            "Authorization",
            "Bearer idp-token",
            "X-Kind",
            "user.created");

    assertAccepted(typed);
    assertThat(unknownField.status()).isEqualTo(422);
    assertThat(unknownField.body().get("error").asText()).contains("payload");
    await().atMost(WAIT).until(() -> !receiver.delivered("/all").isEmpty());
    JsonNode event = JSON.readTree(receiver.received().get(0).body());
    assertThat(event.get("event_type").asText()).isEqualTo("user.created");
    assertThat(event.toString()).contains("\"username\":\"ada\"");
    assertThat(storedEvents()).isEqualTo(1);
  }

  @Test
  void aProviderRetryIsStoredOnceAndAnsweredWithTheSameEvent() {
    Answer first = github("push", "d-retry", "{\"n\":1}");
    Answer retry = github("push", "d-retry", "{\"n\":1}");

    assertAccepted(retry);
    assertThat(retry.body().get("event_id")).isEqualTo(first.body().get("event_id"));
    assertThat(retry.body().get("duplicate").asBoolean()).isTrue();
    // The same delivery id from another source is another delivery.
    String shopBody = "{\"topic\":\"orders.create\"}";
    String signature = ProviderSignatures.hmacSha512Base64("shop-secret", shopBody);
    Answer shop =
        post("shop", shopBody, "X-Shop-Signature", signature, "Idempotency-Key", "d-retry");
    assertThat(shop.body().get("duplicate").asBoolean()).isFalse();
    // No delivery id: nothing to de-duplicate by.
    post("shop", shopBody, "X-Shop-Signature", signature);
    post("shop", shopBody, "X-Shop-Signature", signature);
    assertThat(storedEvents()).isEqualTo(4);
  }

  @Test
  void concurrentRetriesOfOneDeliveryAreStoredOnce() {
    List<CompletableFuture<Answer>> answers = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      answers.add(CompletableFuture.supplyAsync(() -> github("push", "d-race", "{\"n\":2}")));
    }
    Set<String> eventIds = new HashSet<>();
    int firsts = 0;
    for (CompletableFuture<Answer> answer : answers) {
      Answer a = answer.join();
      assertAccepted(a);
      eventIds.add(a.body().get("event_id").asText());
      firsts += a.body().get("duplicate").asBoolean() ? 0 : 1;
    }
    assertThat(eventIds).hasSize(1);
    assertThat(firsts).isEqualTo(1);
    assertThat(storedEvents()).isEqualTo(1);
  }

  @Test
  void requestsAreCountedBySourceAndOutcome() {
    github("push", "d-m1", "{}");
    github("push", "d-m1", "{}");
    post("github", "{}", "X-GitHub-Event", "push", "X-Hub-Signature-256", "sha256=00");
    post("made-up", "{}");

    MetricsScrape metrics = MetricsScrape.of(herald.apiUrl(), null);
    String name = "herald_inbound_requests_total";
    assertThat(metrics.value(name, "source", "github", "outcome", "accepted")).isEqualTo(1);
    assertThat(metrics.value(name, "source", "github", "outcome", "duplicate")).isEqualTo(1);
    assertThat(metrics.value(name, "source", "github", "outcome", "unauthenticated")).isEqualTo(1);
    assertThat(metrics.value(name, "source", "unknown", "outcome", "unknown_source")).isEqualTo(1);
  }
}
