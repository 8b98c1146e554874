package dev.herald.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.linecorp.armeria.common.HttpStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the console tests point the browser at: a real Herald on SQLite with a managed plugin,
 * delivering to a real receiver, and the API calls that arrange and check what the browser shows.
 * Path {@code /flaky} of the receiver answers 503 until {@link #healFlaky()}.
 */
final class ConsoleBackend implements AutoCloseable {

  /** The secret the tests give endpoints they create over the API. */
  static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

  private final AtomicBoolean flakyFails;
  private final WebhookReceiver receiver;
  private final TestHerald herald;
  private final ApiClients api;

  private ConsoleBackend(AtomicBoolean flakyFails, WebhookReceiver receiver, TestHerald herald) {
    this.flakyFails = flakyFails;
    this.receiver = receiver;
    this.herald = herald;
    this.api = new ApiClients(herald.apiUrl());
  }

  /**
   * Starts the receiver, then Herald (one retry after 200 ms, then a dead letter) in {@code
   * folder}.
   */
  static ConsoleBackend start(Path folder) throws IOException {
    AtomicBoolean flakyFails = new AtomicBoolean(true);
    WebhookReceiver receiver =
        WebhookReceiver.start(
            List.of(SECRET),
            Clock.systemUTC(),
            (path, id, attempt) ->
                path.equals("/flaky") && flakyFails.get()
                    ? HttpStatus.SERVICE_UNAVAILABLE
                    : HttpStatus.OK);
    try {
      Path plugins = Files.createDirectories(folder.resolve("plugins"));
      SampleManifests.auditLog(plugins, folder.resolve("audit.log"), "[]");
      TestHerald herald =
          TestHerald.startWithApi(
              folder,
              """
              delivery:
                poll_interval: 100ms
                retry: {schedule: [200ms], jitter: 0}
              plugins:
                directory: %s
              """
                  .formatted(plugins),
              Clock.systemUTC());
      return new ConsoleBackend(flakyFails, receiver, herald);
    } catch (IOException | RuntimeException e) {
      receiver.close();
      throw e;
    }
  }

  String apiUrl() {
    return herald.apiUrl();
  }

  TestHerald herald() {
    return herald;
  }

  WebhookReceiver receiver() {
    return receiver;
  }

  /** From now on {@code /flaky} answers 200. */
  void healFlaky() {
    flakyFails.set(false);
  }

  /** GET with the admin token: the JSON body. */
  JsonNode get(String path) {
    return api.get(ApiTokens.ADMIN, path).body();
  }

  /** GET with the admin token: the status code. */
  int status(String path) {
    return status(ApiTokens.ADMIN, path);
  }

  /** GET with {@code token}: the status code. */
  int status(String token, String path) {
    return api.get(token, path).status();
  }

  /** Creates a webhook of the default realm to the receiver's {@code /<id>}, signed with SECRET. */
  void createWebhook(String id, String eventType) {
    createWebhook(id, "", eventType);
  }

  void createWebhook(String id, String realm, String eventType) {
    ApiClients.Reply reply =
        api.post(
            ApiTokens.ADMIN,
            "/api/v1/webhooks",
            """
            {"id":"%s","realm_id":"%s","url":"%s","event_types":["%s"],"secret":"%s"}
            """
                .formatted(id, realm, receiver.url("/" + id), eventType, SECRET));
    assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
  }

  /** Publishes a {@code shipment.sent} event over the ingest API; returns its id. */
  String publishShipment(String subject, String correlation) {
    ApiClients.Reply reply =
        api.post(
            ApiTokens.ADMIN,
            "/api/v1/events",
            """
            {"event_type":"shipment.sent","subject":{"type":"shipment","id":"%s"},
             "correlation_id":"%s","json_payload":"{}"}
            """
                .formatted(subject, correlation));
    assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
    return reply.body().get("event_id").asText();
  }

  /** The dead letters of a webhook. */
  int deadLetters(String webhook) {
    JsonNode deliveries =
        get("/api/v1/dead-letters?all_realms=true&webhook_id=" + webhook).get("deliveries");
    return deliveries == null ? 0 : deliveries.size();
  }

  /** The status of the one delivery of an event, '' while it has none or several. */
  String deliveryStatus(String eventId) {
    JsonNode deliveries = get("/api/v1/events/" + eventId).get("deliveries");
    return deliveries != null && deliveries.size() == 1
        ? deliveries.get(0).get("status").asText()
        : "";
  }

  /** The requests the receiver answered 200 at {@code path}. */
  long succeededAt(String path) {
    return receiver.received().stream()
        .filter(r -> r.path().equals(path) && r.status() == 200)
        .count();
  }

  @Override
  public void close() {
    try (WebhookReceiver r = receiver;
        TestHerald h = herald) {
      // Herald first, then the receiver it delivers to
    }
  }
}
