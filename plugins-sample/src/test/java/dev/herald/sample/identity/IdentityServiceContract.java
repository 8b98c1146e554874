package dev.herald.sample.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import dev.herald.core.store.Database;
import dev.herald.core.store.PostgresDatabase;
import dev.herald.core.store.SqliteDatabase;
import dev.herald.core.testing.StoredEvents;
import dev.herald.proto.event.v1.ActorType;
import dev.herald.proto.event.v1.EventEnvelope;
import dev.herald.proto.identity.v1.GroupMemberAdded;
import dev.herald.proto.identity.v1.GroupUpdated;
import dev.herald.proto.identity.v1.UserCreated;
import dev.herald.proto.identity.v1.UserUpdated;
import dev.herald.sample.testing.IdentityClient;
import dev.herald.sample.testing.IdentityClient.Answer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.SplittableRandom;
import org.jooq.Table;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample identity service over real HTTP on 127.0.0.1 with its real database: what each REST
 * call leaves in its tables and in Herald's outbox beside them, read as another process would; one
 * subclass per database.
 */
abstract class IdentityServiceContract {

  @TempDir Path folder;
  private IdentityService service;
  private IdentityClient client;
  private Database herald;

  /** Returns the service's settings: the same database on every call of one test. */
  protected abstract IdentitySettings settings(Path folder);

  @BeforeEach
  void start() {
    startService();
    IdentitySettings settings = settings(folder);
    herald =
        settings
            .postgres()
            .<Database>map(PostgresDatabase::open)
            .orElseGet(() -> SqliteDatabase.open(settings.database()));
  }

  private void startService() {
    service = IdentityService.start(settings(folder), Clock.systemUTC(), new SplittableRandom(1));
    client = new IdentityClient(service.port());
  }

  private void stopService() {
    client.close();
    service.close();
  }

  @AfterEach
  void stop() {
    stopService();
    herald.close();
  }

  private List<EventEnvelope> events() {
    return StoredEvents.envelopes(herald);
  }

  private List<String> eventTypes() {
    return events().stream().map(EventEnvelope::getEventType).toList();
  }

  private EventEnvelope last() {
    List<EventEnvelope> all = events();
    return all.get(all.size() - 1);
  }

  private static <T extends Message> T payload(EventEnvelope event, Class<T> type) {
    try {
      return event.getProtoPayload().unpack(type);
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }

  /** Posts a new user, group or role and returns its id. */
  private String created(String path, String json) {
    return posted(path, json).id();
  }

  /** Posts {@code json} to {@code path} and checks the answer is 201. */
  private Answer posted(String path, String json) {
    Answer answer = client.post(path, json);
    assertThat(answer.status()).as("POST %s %s → %s", path, json, answer.body()).isEqualTo(201);
    return answer;
  }

  @Test
  void createdUserIsAnsweredAndItsEventAppendedInTheSameDatabase() {
    Answer answer =
        client.send(
            "POST",
            "/users",
            "{\"username\":\"ada\",\"email\":\"ada@example.com\",\"display_name\":\"Ada\"}",
            "x-actor-id",
            "admin-1",
            "x-correlation-id",
            "req-42");

    assertThat(answer.status()).isEqualTo(201);
    String id = answer.id();
    assertThat(answer.body().toString())
        .isEqualTo(
            "{\"id\":\"%s\",\"username\":\"ada\",\"email\":\"ada@example.com\",\"email_verified\":false,\"display_name\":\"Ada\",\"enabled\":true}"
                .formatted(id));
    assertThat(client.send("GET", "/users/" + id, null).body()).isEqualTo(answer.body());
    EventEnvelope event = last();
    assertThat(event.getEventType()).isEqualTo("user.created");
    assertThat(event.getRealmId()).isEqualTo("acme");
    assertThat(event.getSource()).isEqualTo("urn:herald:identity-sample:realms/acme");
    assertThat(event.getActor().getType()).isEqualTo(ActorType.ACTOR_TYPE_USER);
    assertThat(event.getActor().getId()).isEqualTo("admin-1");
    assertThat(event.getActor().getIp()).isEqualTo("127.0.0.1");
    assertThat(event.getCorrelationId()).isEqualTo("req-42");
    assertThat(event.getSubject().getType()).isEqualTo("user");
    assertThat(event.getSubject().getId()).isEqualTo(id);
    assertThat(event.getSequence()).isEqualTo(1);
    assertThat(payload(event, UserCreated.class))
        .isEqualTo(
            UserCreated.newBuilder()
                .setUserId(id)
                .setUsername("ada")
                .setEmail("ada@example.com")
                .setDisplayName("Ada")
                .setEnabled(true)
                .build());
  }

  @Test
  void everyChangeEmitsItsEventNumberedInItsAggregatesSequence() {
    String user = created("/users", "{\"username\":\"grace\"}");
    client.patch("/users/" + user, "{\"email\":\"grace@example.com\"}");
    client.patch("/users/" + user, "{\"email\":\"grace@example.com\"}"); // no change, no event
    client.post("/users/" + user + "/email/verify", null);
    client.post("/users/" + user + "/disable?reason=on+leave", null);
    client.post("/users/" + user + "/disable", null); // disabled already, no event
    client.post("/users/" + user + "/enable", null);
    String role = created("/roles", "{\"name\":\"billing-admin\"}");
    posted("/roles/" + role + "/permissions", "{\"permission\":\"invoices:write\"}");
    posted("/users/" + user + "/roles", "{\"role_id\":\"%s\"}".formatted(role));
    String group = created("/groups", "{\"name\":\"Finance\",\"description\":\"Money\"}");
    posted("/groups/" + group + "/members", "{\"user_id\":\"%s\"}".formatted(user));
    posted("/groups/" + group + "/roles", "{\"role_id\":\"%s\"}".formatted(role));
    client.patch("/groups/" + group, "{\"name\":\"Finance team\",\"description\":\"Money\"}");
    client.patch("/roles/" + role, "{\"description\":\"Runs billing\"}");
    client.delete("/groups/" + group + "/roles/" + role);
    client.delete("/groups/" + group + "/members/" + user);
    client.delete("/users/" + user + "/roles/" + role);
    client.delete("/roles/" + role + "/permissions/invoices:write");
    client.delete("/groups/" + group);
    client.delete("/roles/" + role);
    client.delete("/users/" + user);

    assertThat(eventTypes())
        .containsExactly(
            "user.created",
            "user.updated",
            "user.email_verified",
            "user.disabled",
            "user.enabled",
            "role.created",
            "role.permission.added",
            "user.role.assigned",
            "group.created",
            "group.member.added",
            "group.role.assigned",
            "group.updated",
            "role.updated",
            "group.role.unassigned",
            "group.member.removed",
            "user.role.unassigned",
            "role.permission.removed",
            "group.deleted",
            "role.deleted",
            "user.deleted");
    assertThat(sequencesOf(user)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
    assertThat(sequencesOf(group)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
    assertThat(sequencesOf(role)).containsExactly(1L, 2L, 3L, 4L, 5L);
    EventEnvelope userUpdated = events().get(1);
    assertThat(payload(userUpdated, UserUpdated.class).getChangedFieldsList())
        .containsExactly("email");
    EventEnvelope groupUpdated = events().get(11);
    assertThat(payload(groupUpdated, GroupUpdated.class))
        .isEqualTo(
            GroupUpdated.newBuilder()
                .setGroupId(group)
                .addChangedFields("name")
                .setName("Finance team")
                .build());
    assertThat(client.send("GET", "/users/" + user, null).status()).isEqualTo(404);
  }

  private List<Long> sequencesOf(String aggregateId) {
    return events().stream()
        .filter(e -> e.getSubject().getId().equals(aggregateId))
        .map(EventEnvelope::getSequence)
        .toList();
  }

  @Test
  void refusedChangesLeaveNeitherRowsNorEvents() {
    String user = created("/users", "{\"username\":\"ada\"}");
    String group = created("/groups", "{\"name\":\"Ops\"}");
    posted("/groups/" + group + "/members", "{\"user_id\":\"%s\"}".formatted(user));
    int stored = events().size();

    Answer taken = client.post("/users", "{\"username\":\"ada\"}");
    // group.member.added is appended before the insert that fails: both roll back.
    Answer member = client.post("/groups/" + group + "/members", "{\"user_id\":\"" + user + "\"}");
    Answer unknown = client.post("/groups/" + group + "/members", "{\"user_id\":\"nobody\"}");
    Answer invalid = client.post("/users", "{\"username\":\"a b\"}");
    Answer misspelt = client.post("/users", "{\"usernme\":\"x\"}");
    Answer badCorrelation =
        client.send("POST", "/users", "{\"username\":\"x\"}", "x-correlation-id", "x".repeat(300));

    assertThat(taken).isEqualTo(error(409, "username: 'ada' is taken"));
    assertThat(member)
        .isEqualTo(error(409, "group " + group + " member " + user + ": exists already"));
    assertThat(unknown).isEqualTo(error(404, "user nobody: not found"));
    assertThat(invalid)
        .isEqualTo(error(400, "username: 'a b' (expected: 1 to 64 characters, no spaces)"));
    assertThat(misspelt)
        .isEqualTo(
            error(
                400, "usernme: unknown field (expected: one of [display_name, email, username])"));
    assertThat(badCorrelation.status()).isEqualTo(400);
    assertThat(badCorrelation.body().get("error").asText())
        .isEqualTo("invalid envelope: correlation_id: 300 characters (expected: at most 256)");
    assertThat(events()).hasSize(stored);
    assertThat(client.send("GET", "/groups/" + group + "/members", null).body().toString())
        .isEqualTo("[\"" + user + "\"]");
    assertThat(payload(last(), GroupMemberAdded.class).getUserId()).isEqualTo(user);
  }

  private static Answer error(int status, String message) {
    return new Answer(
        status,
        new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("error", message));
  }

  @Test
  void restartKeepsTheDataAndTheSequencesBesideHeraldsSchema() {
    String user = created("/users", "{\"username\":\"ada\"}");
    stopService();
    startService();
    client.patch("/users/" + user, "{\"display_name\":\"Ada Lovelace\"}");

    assertThat(sequencesOf(user)).containsExactly(1L, 2L);
    assertThat(client.send("GET", "/users/" + user, null).body().get("display_name").asText())
        .isEqualTo("Ada Lovelace");
    List<String> histories =
        herald.read(
            ctx ->
                ctx.meta().getTables().stream()
                    .map(Table::getName)
                    .filter(name -> name.endsWith("schema_history"))
                    .sorted()
                    .toList());
    assertThat(histories).containsExactly("flyway_schema_history", "identity_schema_history");
  }
}
