package dev.herald.host;

import static dev.herald.core.store.jooq.Tables.AUDIT_LOG;
import static dev.herald.host.ApiTokens.ACME_ADMIN;
import static dev.herald.host.ApiTokens.ACME_PUBLISHER;
import static dev.herald.host.ApiTokens.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.linecorp.armeria.common.HttpStatus;
import dev.herald.host.ApiClients.Reply;
import dev.herald.proto.plugin.v1.DeliverResponse;
import dev.herald.proto.plugin.v1.DescribeResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit log over REST: every kind of admin change, made or refused, shows with its token,
 * realm, action, target and outcome, newest first, filtered and paged, and no secret reaches the
 * table; one subclass per database.
 */
abstract class AuditLogContract {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String CONFIGURED = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final String CREATED = "whsec_" + "QVVESVQtY3JlYXRlZC1zZWNyZXQtYnl0ZXM=";
  private static final String ROTATED = "whsec_" + "QVVESVQtcm90YXRlZC1zZWNyZXQtYnl0ZXM=";
  private static final String REFUSED = "whsec_" + "QVVESVQtcmVmdXNlZC1zZWNyZXQtYnl0ZXM=";

  @TempDir Path folder;
  private final TestDatabase database;
  @AutoClose private TestHerald herald;
  @AutoClose private WebhookReceiver receiver;
  @AutoClose private ScriptedPluginServer plugin;
  private ApiClients api;

  AuditLogContract(TestDatabase database) {
    this.database = database;
  }

  @BeforeEach
  void start() throws Exception {
    receiver =
        WebhookReceiver.start(
            List.of(CONFIGURED, CREATED, ROTATED),
            Clock.systemUTC(),
            (path, id, attempt) ->
                path.equals("/down") ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.OK);
    plugin =
        new ScriptedPluginServer(
            DescribeResponse.newBuilder()
                .setPluginId("mirror")
                .setVersion("1.0.0")
                .setProtocolVersion(1)
                .build(),
            request ->
                DeliverResponse.newBuilder().setOutcome(DeliverResponse.Outcome.ACK).build());
    Path plugins = Files.createDirectories(folder.resolve("plugins"));
    Files.writeString(
        plugins.resolve("mirror.plugin.yaml"),
        """
        id: mirror
        version: 1.0.0
        protocol_versions: [1]
        address: 127.0.0.1:%d
        subscriptions:
          - event_types: [group.*]
        """
            .formatted(plugin.port()));
    herald =
        TestHerald.startWithApi(
            database,
            folder,
            """
            delivery:
              poll_interval: 100ms
              retry:
                schedule: [20ms]
                jitter: 0
            plugins:
              directory: %s
            webhooks:
              - {id: down, url: '%s', secret: %s, event_types: [user.*]}
            """
                .formatted(plugins, receiver.url("/down"), CONFIGURED),
            Clock.systemUTC());
    api = new ApiClients(herald.apiUrl());
  }

  private void ok(Reply reply) {
    assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
  }

  private long deadLetter() {
    await()
        .atMost(WAIT)
        .until(
            () -> api.get(ADMIN, "/api/v1/dead-letters?realm_id=acme").body().get("deliveries"),
            deliveries -> deliveries.size() == 1);
    return api.get(ADMIN, "/api/v1/dead-letters?realm_id=acme")
        .body()
        .get("deliveries")
        .get(0)
        .get("id")
        .asLong();
  }

  /** Makes one change of every kind, two of them refused; returns the secrets shown on the way. */
  private List<String> changeEverything() {
    List<String> shown = new ArrayList<>(List.of(CONFIGURED, CREATED, ROTATED, REFUSED));
    Reply created =
        api.post(
            ADMIN,
            "/api/v1/webhooks",
            """
            {"id": "crm", "realm_id": "acme", "url": "%s", "event_types": ["group.*"],
             "secret": "%s"}
            """
                .formatted(receiver.url("/crm"), CREATED));
    ok(created);
    shown.add(created.body().get("secret").asText());
    ok(api.post(ADMIN, "/api/v1/webhooks/crm:pause", "{}"));
    ok(api.post(ADMIN, "/api/v1/webhooks/crm:resume", "{}"));
    Reply rotated =
        api.post(ADMIN, "/api/v1/webhooks/crm:rotateSecret", "{\"secret\": \"" + ROTATED + "\"}");
    ok(rotated);
    shown.add(rotated.body().get("secret").asText());
    ok(api.post(ADMIN, "/api/v1/webhooks/crm:test", "{}"));
    ok(api.delete(ADMIN, "/api/v1/webhooks/crm"));
    Reply badUrl =
        api.post(
            ADMIN,
            "/api/v1/webhooks",
            """
            {"id": "bad", "realm_id": "acme", "url": "ftp://bad.example", "secret": "%s"}
            """
                .formatted(REFUSED));
    assertThat(badUrl.status()).isEqualTo(400);
    // The configured endpoint is of the default realm, which this token does not cover.
    assertThat(api.post(ACME_ADMIN, "/api/v1/webhooks/down:pause", "{}").status()).isEqualTo(403);
    ok(
        api.post(
            ADMIN,
            "/api/v1/replays",
            """
            {"from_time": "2020-01-01T00:00:00Z", "realm_id": "acme", "webhook_id": "down",
             "dry_run": true}
            """));
    herald.publish("user.created", "acme", "{\"user_id\": \"u1\"}");
    long dead = deadLetter();
    ok(api.post(ADMIN, "/api/v1/dead-letters/" + dead + ":retry", "{}"));
    assertThat(deadLetter()).isEqualTo(dead);
    ok(api.post(ADMIN, "/api/v1/dead-letters/" + dead + ":discard", "{}"));
    ok(api.post(ADMIN, "/api/v1/plugins/mirror:pause", "{}"));
    return shown;
  }

  private static List<JsonNode> entries(Reply reply) {
    assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
    return StreamSupport.stream(reply.body().get("entries").spliterator(), false).toList();
  }

  private List<JsonNode> audit(String token, String query) {
    return entries(api.get(token, "/api/v1/audit" + query));
  }

  /** Returns {@code token realm action target outcome} of each entry; realm {@code -} if none. */
  private static List<String> summaries(List<JsonNode> entries) {
    return entries.stream()
        .map(
            e ->
                String.join(
                    " ",
                    e.get("token_name").asText(),
                    e.has("realm_id") ? "'" + e.get("realm_id").asText() + "'" : "-",
                    e.get("action").asText(),
                    e.get("target").asText(),
                    e.get("outcome").asText()))
        .toList();
  }

  private static String encoded(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Test
  void recordsEveryChangeNewestFirstWithFiltersAndPagesAndNoSecret() {
    List<String> secrets = changeEverything();
    long dead =
        api.get(ADMIN, "/api/v1/deliveries?realm_id=acme")
            .body()
            .get("deliveries")
            .get(0)
            .get("id")
            .asLong();

    List<JsonNode> all = audit(ADMIN, "");
    assertThat(summaries(all).reversed())
        .containsExactly(
            "ops 'acme' webhook.create crm OK",
            "ops 'acme' webhook.pause crm OK",
            "ops 'acme' webhook.resume crm OK",
            "ops 'acme' webhook.rotate_secret crm OK",
            "ops 'acme' webhook.test crm OK",
            "ops 'acme' webhook.delete crm OK",
            "ops 'acme' webhook.create bad INVALID_ARGUMENT",
            "acme-ops '' webhook.pause down PERMISSION_DENIED",
            "ops 'acme' events.replay down OK",
            "ops 'acme' dead_letter.retry " + dead + " OK",
            "ops 'acme' dead_letter.discard " + dead + " OK",
            "ops - plugin.pause mirror OK");
    assertThat(all)
        .extracting(e -> e.get("id").asLong())
        .isSortedAccordingTo((a, b) -> b.compareTo(a));
    JsonNode refused = all.get(5);
    assertThat(refused.get("message").asText()).contains("url");
    assertThat(refused.get("details").get("url").asText()).isEqualTo("ftp://bad.example");
    assertThat(refused.get("details").has("secret")).isFalse();
    assertThat(all.get(11).get("details").get("event_types").get(0).asText()).isEqualTo("group.*");
    assertThat(all.get(0).get("message").asText()).isEmpty();

    // Filters
    assertThat(summaries(audit(ADMIN, "?action=webhook.create")))
        .containsExactly(
            "ops 'acme' webhook.create bad INVALID_ARGUMENT", "ops 'acme' webhook.create crm OK");
    assertThat(summaries(audit(ADMIN, "?outcome=failed")))
        .containsExactly(
            "acme-ops '' webhook.pause down PERMISSION_DENIED",
            "ops 'acme' webhook.create bad INVALID_ARGUMENT");
    assertThat(audit(ADMIN, "?outcome=ok")).hasSize(10);
    assertThat(summaries(audit(ADMIN, "?token_name=acme-ops")))
        .containsExactly("acme-ops '' webhook.pause down PERMISSION_DENIED");
    assertThat(audit(ADMIN, "?target=crm")).hasSize(6);
    assertThat(audit(ADMIN, "?realm_id=acme")).hasSize(10);
    assertThat(audit(ADMIN, "?realm_id=")).hasSize(1);
    String first = all.get(11).get("at").asText();
    String last = all.get(0).get("at").asText();
    assertThat(audit(ADMIN, "?to_time=" + encoded(first))).isEmpty();
    assertThat(audit(ADMIN, "?from_time=" + encoded(last)))
        .isNotEmpty()
        .allSatisfy(e -> assertThat(e.get("at").asText()).isGreaterThanOrEqualTo(last))
        .extracting(e -> e.get("action").asText())
        .contains("plugin.pause");
    assertThat(api.get(ADMIN, "/api/v1/audit?outcome=maybe").status()).isEqualTo(400);

    // Pages, newest first, ending with an empty token
    List<JsonNode> paged = new ArrayList<>();
    String token = "";
    do {
      Reply page = api.get(ADMIN, "/api/v1/audit?page_size=5&page_token=" + encoded(token));
      List<JsonNode> items = entries(page);
      assertThat(items.size()).isLessThanOrEqualTo(5);
      paged.addAll(items);
      token = page.body().get("next_page_token").asText();
    } while (!token.isEmpty());
    assertThat(paged).isEqualTo(all);

    // A token of one realm sees that realm only; publishers see nothing.
    assertThat(audit(ACME_ADMIN, ""))
        .hasSize(10)
        .allSatisfy(e -> assertThat(e.get("realm_id").asText()).isEqualTo("acme"));
    assertThat(api.get(ACME_ADMIN, "/api/v1/audit?realm_id=").status()).isEqualTo(403);
    assertThat(api.get(ACME_PUBLISHER, "/api/v1/audit").status()).isEqualTo(403);

    // No secret in the table, nor in what the API shows of it.
    String table =
        herald.server().database().read(ctx -> ctx.selectFrom(AUDIT_LOG).fetch().formatCSV());
    assertThat(table).contains("webhook.create", "ftp://bad.example");
    String listed = api.get(ADMIN, "/api/v1/audit").body().toString();
    for (String secret : secrets) {
      assertThat(table).doesNotContain(secret);
      assertThat(listed).doesNotContain(secret);
    }
  }
}
