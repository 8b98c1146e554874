package dev.herald.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.common.HttpStatus;
import dev.herald.host.plugin.PluginState;
import dev.herald.sample.identity.IdentityService;
import dev.herald.sample.identity.IdentitySettings;
import dev.herald.sample.testing.IdentityClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The identity sample as its README runs it: the sample service appends to its SQLite file, a
 * Herald server on the same file delivers to a webhook receiver that verifies every signature and
 * to the audit-log plugin.
 */
class IdentitySampleIT {

  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path folder;
  private WebhookReceiver receiver;
  private IdentityService sample;
  private IdentityClient client;
  private TestHerald herald;

  private Path auditLog() {
    return folder.resolve("audit.log");
  }

  @BeforeEach
  void start() throws IOException {
    Path database = folder.resolve("identity.db");
    receiver = WebhookReceiver.start(SECRET, (path, id, attempt) -> HttpStatus.NO_CONTENT);
    sample =
        IdentityService.start(
            new IdentitySettings(database, 0, "acme"), Clock.systemUTC(), new SplittableRandom(9));
    client = new IdentityClient(sample.port());
    Path plugins = Files.createDirectories(folder.resolve("plugins"));
    SampleManifests.auditLog(plugins, auditLog(), "[]");
    herald =
        TestHerald.start(
            """
            database:
              path: %s
            delivery:
              poll_interval: 100ms
            plugins:
              directory: %s
              start_timeout: 30s
              health_interval: 200ms
            webhooks:
              - id: identity-receiver
                url: %s
                secret: %s
                event_types: [user.*, group.*, role.*]
            """
                .formatted(database, plugins, receiver.url("/hooks"), SECRET));
    await()
        .atMost(WAIT)
        .until(
            () ->
                herald.server().plugins().find("audit-log").orElseThrow().state()
                    == PluginState.SERVING);
  }

  @AfterEach
  void stop() {
    herald.close();
    client.close();
    sample.close();
    receiver.close();
  }

  /** Returns the bodies the receiver accepted, each verified, as JSON. */
  private List<JsonNode> delivered() {
    List<JsonNode> bodies = new ArrayList<>();
    for (WebhookReceiver.Received received : receiver.received()) {
      assertThat(received.verified()).as("signature of %s", received.webhookId()).isTrue();
      bodies.add(json(received.body()));
    }
    return bodies;
  }

  private List<JsonNode> audited() {
    try {
      return Files.exists(auditLog())
          ? Files.readAllLines(auditLog()).stream().map(IdentitySampleIT::json).toList()
          : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void createdUserReachesTheWebhookSignedInTheDocumentedShapeAndTheAuditLogPlugin() {
    IdentityClient.Answer created =
        client.post(
            "/users",
            "{\"username\":\"ada\",\"email\":\"ada@example.com\",\"display_name\":\"Ada Lovelace\"}");
    assertThat(created.status()).isEqualTo(201);
    String id = created.id();

    await().atMost(WAIT).until(() -> !receiver.received().isEmpty() && !audited().isEmpty());
    WebhookReceiver.Received received = receiver.received().get(0);
    assertThat(received.verified()).isTrue();
    JsonNode body = json(received.body());
    assertThat(body.get("event_id").asText()).isEqualTo(received.webhookId());
    assertThat(body.fieldNames())
        .toIterable()
        .containsExactly(
            "event_id",
            "event_type",
            "event_version",
            "occurred_at",
            "source",
            "realm_id",
            "actor",
            "subject",
            "sequence",
            "correlation_id",
            "purpose",
            "payload");
    assertThat(body.get("event_type").asText()).isEqualTo("user.created");
    assertThat(body.get("event_version").asInt()).isEqualTo(1);
    assertThat(body.get("source").asText()).isEqualTo("urn:herald:identity-sample:realms/acme");
    assertThat(body.get("realm_id").asText()).isEqualTo("acme");
    assertThat(body.get("actor"))
        .isEqualTo(
            json(
                "{\"type\":\"ACTOR_TYPE_SERVICE_ACCOUNT\",\"id\":\"identity-sample\",\"ip\":\"127.0.0.1\"}"));
    assertThat(body.get("subject")).isEqualTo(json("{\"type\":\"user\",\"id\":\"" + id + "\"}"));
    assertThat(body.get("sequence").asText()).isEqualTo("1");
    assertThat(body.get("purpose").asText()).isEqualTo("PURPOSE_LIVE");
    assertThat(body.get("payload"))
        .isEqualTo(
            json(
                """
                {
                  "@type": "type.googleapis.com/herald.identity.v1.UserCreated",
                  "user_id": "%s",
                  "username": "ada",
                  "email": "ada@example.com",
                  "display_name": "Ada Lovelace",
                  "enabled": true,
                  "email_verified": false
                }
                """
                    .formatted(id)));
    JsonNode envelope = audited().get(0).get("envelope");
    assertThat(envelope.get("event_id").asText()).isEqualTo(received.webhookId());
    assertThat(envelope.get("proto_payload").get("@type").asText())
        .isEqualTo("type.googleapis.com/herald.identity.v1.UserCreated");
    assertThat(envelope.get("proto_payload").get("username").asText()).isEqualTo("ada");
  }

  @Test
  void refusedChangeIsNeverDelivered() {
    String user = client.post("/users", "{\"username\":\"ada\"}").id();
    String group = client.post("/groups", "{\"name\":\"Ops\"}").id();
    String member = "{\"user_id\":\"" + user + "\"}";
    assertThat(client.post("/groups/" + group + "/members", member).status()).isEqualTo(201);

    // The second add appends group.member.added, then its insert fails: both roll back.
    assertThat(client.post("/groups/" + group + "/members", member).status()).isEqualTo(409);
    assertThat(client.post("/users", "{\"username\":\"ada\"}").status()).isEqualTo(409);
    String marker = client.post("/users", "{\"username\":\"marker\"}").id();

    await()
        .atMost(WAIT)
        .until(
            () ->
                delivered().stream()
                    .anyMatch(b -> b.get("subject").get("id").asText().equals(marker)));
    assertThat(delivered())
        .extracting(b -> b.get("event_type").asText())
        .containsExactlyInAnyOrder(
            "user.created", "group.created", "group.member.added", "user.created");
    // Four events, each to the webhook and to the audit-log plugin.
    await().atMost(WAIT).until(() -> herald.statuses().equals(Collections.nCopies(8, "succeeded")));
  }
}
