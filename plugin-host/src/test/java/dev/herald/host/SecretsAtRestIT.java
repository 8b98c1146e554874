package dev.herald.host;

import static dev.herald.core.store.jooq.Tables.WEBHOOK_ENDPOINTS;
import static dev.herald.host.ApiTokens.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.linecorp.armeria.common.HttpStatus;
import dev.herald.core.secret.MasterKeyFile;
import dev.herald.core.store.SqliteDatabase;
import dev.herald.host.ApiClients.Reply;
import dev.herald.host.cli.HeraldCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A whole run on SQLite with no key_ref: webhooks created, their secrets rotated, events delivered,
 * the key rotated over the API and with the CLI, plaintext rows sealed at a restart; no secret and
 * not the master key ever shows in the log, an API listing, a stored column or a toString.
 */
class SecretsAtRestIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String CREATED = "whsec_" + "Q1JNLWNyZWF0ZWQtc2VjcmV0LWJ5dGVz";
  private static final String ROTATED = "whsec_" + "Q1JNLXJvdGF0ZWQtc2VjcmV0LWJ5dGVz";
  private static final String CONFIGURED = "whsec_" + "QklMTElORy1maWxlLXNlY3JldC1ieXRl";

  @TempDir Path folder;
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final List<String> secrets = new ArrayList<>(List.of(CREATED, ROTATED, CONFIGURED));
  private final List<String> responses = new ArrayList<>();
  private WebhookReceiver receiver;
  private Path config;

  @BeforeEach
  void captureLogs() throws Exception {
    logs.start();
    root().addAppender(logs);
    receiver =
        WebhookReceiver.start(
            List.of(CREATED, ROTATED), Clock.systemUTC(), (path, id, attempt) -> HttpStatus.OK);
    config = folder.resolve("herald.yaml");
    Files.writeString(
        config,
        TestDatabase.sqlite().yaml(folder)
            + "delivery:\n  poll_interval: 100ms\n"
            + "network:\n  allow: [127.0.0.1]\n" // the receiver runs on loopback
            + "webhooks:\n  - {id: billing, url: '%s', secret: %s, event_types: [group.*]}\n"
                .formatted(receiver.url("/billing"), CONFIGURED)
            + ApiTokens.apiSection());
  }

  @AfterEach
  void stopCapturing() {
    root().detachAppender(logs);
    receiver.close();
  }

  private static Logger root() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  @Test
  void noSecretNorTheKeyLeavesTheServerExceptOnceInTheReplyThatMadeIt() throws Exception {
    try (TestHerald herald = TestHerald.start(config)) {
      ApiClients api = new ApiClients(herald.apiUrl());
      Path keyFile = MasterKeyFile.beside(folder.resolve("herald.db"));
      assertThat(Files.getPosixFilePermissions(keyFile))
          .isEqualTo(PosixFilePermissions.fromString("rw-------"));
      assertThat(logText()).contains(keyFile.toAbsolutePath().toString());
      secrets.add(Files.readString(keyFile).strip());

      created(
          api,
          "{\"id\": \"crm\", \"realm_id\": \"acme\", \"url\": \"%s\", \"event_types\":"
                  .formatted(receiver.url("/crm"))
              + " [\"user.*\"], \"secret\": \""
              + CREATED
              + "\"}");
      secrets.add(
          created(
              api,
              "{\"id\": \"erp\", \"url\": \"https://erp.example/hooks\", \"event_types\":"
                  + " [\"*\"]}"));
      assertThat(rotated(api, "crm", "{\"secret\": \"" + ROTATED + "\"}")).isEqualTo(ROTATED);
      secrets.add(rotated(api, "erp", "{}"));
      deliversSigned(herald, 1);

      // Every realm's secrets are re-encrypted: a publisher, or an admin of one realm, may not.
      assertThat(api.post(ApiTokens.ACME_PUBLISHER, "/api/v1/keys:rotate", "{}").status())
          .isEqualTo(403);
      assertThat(api.post(ApiTokens.ACME_ADMIN, "/api/v1/keys:rotate", "{}").status())
          .isEqualTo(403);
      Reply byApi = api.post(ADMIN, "/api/v1/keys:rotate", "{}");
      assertThat(byApi.status()).isEqualTo(200);
      assertThat(byApi.body().get("key_id").asText()).isEqualTo("k2");
      assertThat(byApi.body().get("resealed_endpoints").asInt()).isEqualTo(3);
      responses.add(byApi.body().toString());

      StringWriter out = new StringWriter();
      int exit =
          HeraldCommand.commandLine(TestHerald.loader())
              .setOut(new PrintWriter(out))
              .execute("keys", "rotate", "--config", config.toString());
      assertThat(exit).isZero();
      assertThat(out.toString()).contains("Key k3 is active").contains("3 webhook endpoint(s)");
      responses.add(out.toString());
      // Every rotation is in the audit log, the command line's under cli:<os user>, and the one
      // refused to a token of one realm too (the publisher's never reached the admin API).
      Reply audit = api.get(ADMIN, "/api/v1/audit?action=key.rotate");
      assertThat(audit.body().get("entries"))
          .extracting(
              e ->
                  String.join(
                      " ",
                      e.get("token_name").asText(),
                      e.get("target").asText(),
                      e.get("outcome").asText()))
          .containsExactly(
              "cli:" + System.getProperty("user.name") + " k3 OK",
              "ops k2 OK",
              "acme-ops  PERMISSION_DENIED");
      responses.add(api.get(ADMIN, "/api/v1/audit").body().toString());

      // The running server meets k3, which another process added, and keeps working.
      secrets.add(rotated(api, "erp", "{}"));
      assertThat(storedColumns(herald)).allMatch(c -> c.startsWith("enc:v1:k3:"));
      deliversSigned(herald, 2);

      responses.add(api.get(ADMIN, "/api/v1/webhooks?all_realms=true").body().toString());
      responses.add(api.get(ADMIN, "/api/v1/webhooks/crm").body().toString());
      responses.add(api.get(ADMIN, "/api/v1/webhooks/erp").body().toString());
      responses.add(herald.server().webhooks().all().toString());
      responses.add(TestHerald.loader().load(Optional.of(config)).toString());
      responses.addAll(storedColumns(herald));
    }

    // As a row written before secrets were encrypted: sealed again at the next start.
    try (SqliteDatabase database = SqliteDatabase.open(folder.resolve("herald.db"))) {
      database.write(
          tx ->
              tx.update(WEBHOOK_ENDPOINTS)
                  .set(WEBHOOK_ENDPOINTS.SECRET, ROTATED)
                  .where(WEBHOOK_ENDPOINTS.ID.eq("crm"))
                  .execute());
    }
    try (TestHerald herald = TestHerald.start(config)) {
      assertThat(storedColumns(herald)).allMatch(c -> c.startsWith("enc:v1:k3:"));
      deliversSigned(herald, 3);
      responses.addAll(storedColumns(herald));
    }

    String logText = logText();
    assertThat(logText).contains("Encrypted the secrets of 1 webhook endpoint(s) under key k3");
    for (String secret : secrets) {
      String keyPart = secret.replaceFirst("^whsec_", "");
      assertThat(logText).as("the log").doesNotContain(keyPart);
      for (String response : responses) {
        assertThat(response).doesNotContain(keyPart);
      }
    }
  }

  /** Creates an endpoint over REST and returns the secret its reply shows once. */
  private static String created(ApiClients api, String json) {
    Reply reply = api.post(ADMIN, "/api/v1/webhooks", json);
    assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
    return reply.body().get("secret").asText();
  }

  private static String rotated(ApiClients api, String id, String json) {
    Reply reply = api.post(ADMIN, "/api/v1/webhooks/" + id + ":rotateSecret", json);
    assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
    return reply.body().get("secret").asText();
  }

  /** Publishes a user.created event and waits until crm has received {@code count}, all signed. */
  private void deliversSigned(TestHerald herald, int count) {
    herald.publish("user.created", "acme", "{}");
    await().atMost(WAIT).until(() -> receiver.delivered("/crm").size() >= count);
    assertThat(receiver.received()).allMatch(WebhookReceiver.Received::verified);
  }

  private static List<String> storedColumns(TestHerald herald) {
    return herald
        .server()
        .database()
        .read(
            ctx ->
                ctx.select(WEBHOOK_ENDPOINTS.SECRET, WEBHOOK_ENDPOINTS.PREVIOUS_SECRET)
                    .from(WEBHOOK_ENDPOINTS)
                    .fetch())
        .stream()
        .flatMap(r -> java.util.stream.Stream.of(r.value1(), r.value2()))
        .filter(java.util.Objects::nonNull)
        .toList();
  }

  private String logText() {
    return logs.list.stream()
        .map(
            e ->
                e.getFormattedMessage()
                    + (e.getThrowableProxy() == null
                        ? ""
                        : "\n" + ThrowableProxyUtil.asString(e.getThrowableProxy())))
        .collect(Collectors.joining("\n"));
  }
}
