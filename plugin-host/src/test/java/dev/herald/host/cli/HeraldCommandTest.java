package dev.herald.host.cli;

import static dev.herald.core.store.jooq.Tables.EVENT_OUTBOX;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.store.SqliteDatabase;
import dev.herald.proto.event.v1.EventEnvelope;
import dev.herald.proto.identity.v1.UserCreated;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input on the command line: a clear error naming the field, exit status 2, nothing stored. */
class HeraldCommandTest {

  @TempDir Path folder;

  private static CommandRun run(String... args) {
    return CommandRun.of(args);
  }

  private Path config(String yaml) throws Exception {
    Path file = folder.resolve("herald.yaml");
    Files.writeString(file, yaml.formatted(folder.resolve("herald.db")));
    return file;
  }

  /**
   * Runs {@code herald publish} of a {@code user.created} with {@code data} on a fresh database.
   */
  private CommandRun publishUserCreated(String data) throws Exception {
    Path config = config("database:\n  path: %s\n");
    return run("publish", "--config", config.toString(), "--type", "user.created", "--data", data);
  }

  private int storedEvents() {
    try (SqliteDatabase database = SqliteDatabase.open(folder.resolve("herald.db"))) {
      return database.read(ctx -> ctx.fetchCount(EVENT_OUTBOX));
    }
  }

  @Test
  void serveRefusesABadConfigValueNamingTheKeyAndCreatesNothing() throws Exception {
    Path config =
        config(
            """
            database:
              path: %s
            delivery:
              retry:
                jitter: 1.5
            webhooks:
              - id: billing
                url: ftp://billing.example.com
                secret: whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
                event_types: [User.*]
            """);

    CommandRun run = run("serve", "--config", config.toString());

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err())
        .contains("delivery.retry.jitter: 1.5")
        .contains("webhooks[0].url")
        .contains("webhooks[0].event_types[0]")
        .contains("User.*");
    assertThat(folder.resolve("herald.db")).doesNotExist();
  }

  @Test
  void publishRefusesAMalformedEventTypeAndStoresNothing() throws Exception {
    Path config = config("database:\n  path: %s\n");

    CommandRun run = run("publish", "--config", config.toString(), "--type", "User.Created");

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("event_type").contains("User.Created");
    assertThat(storedEvents()).isZero();
  }

  @Test
  void publishRefusesInvalidJsonDataAndStoresNothing() throws Exception {
    CommandRun run = publishUserCreated("{oops");

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("json_payload");
    assertThat(storedEvents()).isZero();
  }

  @Test
  void publishRefusesJsonThatIsNotTheCatalogueTypesMessage() throws Exception {
    CommandRun run = publishUserCreated("{\"id\":\"u1\"}");

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("json_payload").contains("herald.identity.v1.UserCreated");
    assertThat(storedEvents()).isZero();
  }

  @Test
  void publishStoresACatalogueTypeWithItsTypedPayload() throws Exception {
    CommandRun run = publishUserCreated("{\"user_id\":\"u1\",\"username\":\"ada\"}");

    assertThat(run.status()).isZero();
    try (SqliteDatabase database = SqliteDatabase.open(folder.resolve("herald.db"))) {
      byte[] bytes =
          database.read(
              ctx -> ctx.select(EVENT_OUTBOX.ENVELOPE).from(EVENT_OUTBOX).fetchSingle().value1());
      EventEnvelope stored = EventEnvelope.parseFrom(bytes);
      assertThat(stored.getProtoPayload().unpack(UserCreated.class))
          .isEqualTo(UserCreated.newBuilder().setUserId("u1").setUsername("ada").build());
    }
  }

  @Test
  void publishAppendsAndPrintsEachEventId() throws Exception {
    Path config = config("database:\n  path: %s\n");

    CommandRun run =
        run("publish", "--config", config.toString(), "--type", "user.created", "--count", "250");

    assertThat(run.status()).isZero();
    assertThat(run.out().lines().distinct().count()).isEqualTo(250);
    assertThat(storedEvents()).isEqualTo(250);
  }

  @Test
  void serveAndKeysRotateRefusePostgresWithoutAKeyRefBeforeConnecting() throws Exception {
    Path config =
        config("database:\n  url: jdbc:postgresql://127.0.0.1:1/herald\n  user: herald\n");

    for (String[] args :
        new String[][] {
          {"serve", "--config", config.toString()}, {"keys", "rotate", "-c", config.toString()}
        }) {
      CommandRun run = run(args);

      assertThat(run.status()).isEqualTo(2);
      assertThat(run.err())
          .contains("secrets.key_ref: not set (expected: on PostgreSQL, the name of a secret");
    }
  }
}
