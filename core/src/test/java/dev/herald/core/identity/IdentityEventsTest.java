package dev.herald.core.identity;

import static dev.herald.core.testing.Endpoints.endpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import dev.herald.core.emit.Emitter;
import dev.herald.core.emit.EventContext;
import dev.herald.core.testing.ScriptedDispatcher;
import dev.herald.core.testing.StoredEvents;
import dev.herald.core.testing.TestPipeline;
import dev.herald.proto.event.v1.Actor;
import dev.herald.proto.event.v1.ActorType;
import dev.herald.proto.event.v1.EventEnvelope;
import dev.herald.proto.identity.v1.GroupCreated;
import dev.herald.proto.identity.v1.GroupDeleted;
import dev.herald.proto.identity.v1.GroupMemberAdded;
import dev.herald.proto.identity.v1.GroupMemberRemoved;
import dev.herald.proto.identity.v1.GroupRoleAssigned;
import dev.herald.proto.identity.v1.GroupRoleUnassigned;
import dev.herald.proto.identity.v1.GroupUpdated;
import dev.herald.proto.identity.v1.RoleCreated;
import dev.herald.proto.identity.v1.RoleDeleted;
import dev.herald.proto.identity.v1.RolePermissionAdded;
import dev.herald.proto.identity.v1.RolePermissionRemoved;
import dev.herald.proto.identity.v1.RoleUpdated;
import dev.herald.proto.identity.v1.UserCreated;
import dev.herald.proto.identity.v1.UserDeleted;
import dev.herald.proto.identity.v1.UserDisabled;
import dev.herald.proto.identity.v1.UserEmailVerified;
import dev.herald.proto.identity.v1.UserEnabled;
import dev.herald.proto.identity.v1.UserIdentityLinked;
import dev.herald.proto.identity.v1.UserIdentityUnlinked;
import dev.herald.proto.identity.v1.UserLogin;
import dev.herald.proto.identity.v1.UserPasswordChanged;
import dev.herald.proto.identity.v1.UserRoleAssigned;
import dev.herald.proto.identity.v1.UserRoleUnassigned;
import dev.herald.proto.identity.v1.UserUpdated;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;
import java.util.stream.LongStream;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The typed emitter on a real pipeline: a real SQLite file, the router and a dispatcher. */
class IdentityEventsTest {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Actor ADMIN =
      Actor.newBuilder().setType(ActorType.ACTOR_TYPE_USER).setId("admin").build();
  // The embedder's own table, in Herald's database.
  private static final Table<?> USERS = table(name("users"));
  private static final Field<String> USER_ID = field(name("id"), SQLDataType.VARCHAR.notNull());

  @TempDir Path folder;
  private TestPipeline pipeline;
  private ScriptedDispatcher dispatcher;
  private Emitter emitter;
  private EventContext context;

  @BeforeEach
  void start() {
    startPipeline();
    pipeline.database.write(
        tx -> tx.createTable(USERS).column(USER_ID).constraints(DSL.primaryKey(USER_ID)).execute());
  }

  private void startPipeline() {
    dispatcher = ScriptedDispatcher.alwaysDelivering();
    pipeline =
        TestPipeline.start(
            folder,
            List.of(endpoint("all", "http://127.0.0.1:1/all", "*")),
            w -> dispatcher,
            TestPipeline.FAST_RETRIES,
            IdentityEventType.payloadTypes());
    emitter = new Emitter(Clock.systemUTC(), new SplittableRandom(5), "urn:herald:test");
    context = emitter.newContext("acme", ADMIN);
  }

  @AfterEach
  void stop() {
    pipeline.close();
  }

  /** Runs {@code work} in one transaction on Herald's database, with the typed events API. */
  private <T> T inTransaction(BiFunction<DSLContext, IdentityEvents<EventEnvelope>, T> work) {
    return pipeline
        .engine
        .outbox()
        .inTransaction(
            (tx, outbox) -> work.apply(tx, IdentityEvents.to(emitter.inTransaction(tx, outbox))));
  }

  private static void insertUser(DSLContext tx, String id) {
    tx.insertInto(USERS, USER_ID).values(id).execute();
  }

  private List<EventEnvelope> stored() {
    return StoredEvents.envelopes(pipeline.database);
  }

  private List<String> deliveredEventIds() {
    return StoredEvents.deliveredEventIds(pipeline.database);
  }

  private List<Long> sequencesOf(String userId) {
    return stored().stream()
        .filter(e -> e.getSubject().getId().equals(userId))
        .map(EventEnvelope::getSequence)
        .toList();
  }

  @Test
  void emitsEveryCatalogueTypeWithItsPayloadSubjectAndContext() {
    List<EventEnvelope> emitted =
        inTransaction(
            (tx, events) -> {
              List<EventEnvelope> all = new ArrayList<>();
              all.add(
                  events.userCreated(context, UserCreated.newBuilder().setUserId("u1").build()));
              all.add(
                  events.userUpdated(
                      context, UserUpdated.newBuilder().setUserId("u1").setEmail("a@x").build()));
              all.add(
                  events.userDisabled(
                      context, UserDisabled.newBuilder().setUserId("u1").setReason("r").build()));
              all.add(
                  events.userEnabled(context, UserEnabled.newBuilder().setUserId("u1").build()));
              all.add(
                  events.userPasswordChanged(
                      context, UserPasswordChanged.newBuilder().setUserId("u1").build()));
              all.add(
                  events.userEmailVerified(
                      context,
                      UserEmailVerified.newBuilder().setUserId("u1").setEmail("a@x").build()));
              all.add(
                  events.userLogin(
                      context,
                      UserLogin.newBuilder().setUserId("u1").setMethod("password").build()));
              all.add(
                  events.userIdentityLinked(
                      context,
                      UserIdentityLinked.newBuilder()
                          .setUserId("u1")
                          .setIdentityProvider("google")
                          .setProviderUserId("g-1")
                          .build()));
              all.add(
                  events.userIdentityUnlinked(
                      context,
                      UserIdentityUnlinked.newBuilder()
                          .setUserId("u1")
                          .setIdentityProvider("google")
                          .setProviderUserId("g-1")
                          .build()));
              all.add(
                  events.userRoleAssigned(
                      context,
                      UserRoleAssigned.newBuilder().setUserId("u1").setRoleId("r1").build()));
              all.add(
                  events.userRoleUnassigned(
                      context,
                      UserRoleUnassigned.newBuilder().setUserId("u1").setRoleId("r1").build()));
              all.add(
                  events.userDeleted(context, UserDeleted.newBuilder().setUserId("u1").build()));
              all.add(
                  events.groupCreated(context, GroupCreated.newBuilder().setGroupId("g1").build()));
              all.add(
                  events.groupUpdated(
                      context, GroupUpdated.newBuilder().setGroupId("g1").setName("ops").build()));
              all.add(
                  events.groupMemberAdded(
                      context,
                      GroupMemberAdded.newBuilder().setGroupId("g1").setUserId("u1").build()));
              all.add(
                  events.groupMemberRemoved(
                      context,
                      GroupMemberRemoved.newBuilder().setGroupId("g1").setUserId("u1").build()));
              all.add(
                  events.groupRoleAssigned(
                      context,
                      GroupRoleAssigned.newBuilder().setGroupId("g1").setRoleId("r1").build()));
              all.add(
                  events.groupRoleUnassigned(
                      context,
                      GroupRoleUnassigned.newBuilder().setGroupId("g1").setRoleId("r1").build()));
              all.add(
                  events.groupDeleted(context, GroupDeleted.newBuilder().setGroupId("g1").build()));
              all.add(
                  events.roleCreated(context, RoleCreated.newBuilder().setRoleId("r1").build()));
              all.add(
                  events.roleUpdated(
                      context,
                      RoleUpdated.newBuilder().setRoleId("r1").setDescription("").build()));
              all.add(
                  events.rolePermissionAdded(
                      context,
                      RolePermissionAdded.newBuilder().setRoleId("r1").setPermission("p").build()));
              all.add(
                  events.rolePermissionRemoved(
                      context,
                      RolePermissionRemoved.newBuilder()
                          .setRoleId("r1")
                          .setPermission("p")
                          .build()));
              all.add(
                  events.roleDeleted(context, RoleDeleted.newBuilder().setRoleId("r1").build()));
              return all;
            });

    assertThat(emitted)
        .extracting(EventEnvelope::getEventType)
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(IdentityEventType.values()).map(IdentityEventType::eventType).toList());
    assertThat(stored()).containsExactlyElementsOf(emitted);
    for (EventEnvelope event : emitted) {
      IdentityEventType type =
          Arrays.stream(IdentityEventType.values())
              .filter(t -> t.eventType().equals(event.getEventType()))
              .findFirst()
              .orElseThrow();
      assertThat(event.getEventVersion()).isEqualTo(1);
      assertThat(event.getRealmId()).isEqualTo("acme");
      assertThat(event.getActor()).isEqualTo(ADMIN);
      assertThat(event.getCorrelationId()).isEqualTo(context.correlationId());
      assertThat(event.getSource()).isEqualTo("urn:herald:test");
      assertThat(event.getSubject().getType()).isEqualTo(type.aggregate().subjectType());
      assertThat(event.getProtoPayload().is(type.prototype().getClass())).isTrue();
    }
    assertThat(sequencesOf("u1"))
        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L);
    assertThat(sequencesOf("g1")).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
    await()
        .atMost(WAIT)
        .until(() -> deliveredEventIds().size() == IdentityEventType.values().length);
  }

  @Test
  void domainWriteFailingAfterTheEmitLeavesNoEventAndNoDelivery() {
    UserCreated ada = UserCreated.newBuilder().setUserId("u1").setUsername("ada").build();

    assertThatThrownBy(
            () ->
                inTransaction(
                    (tx, events) -> {
                      insertUser(tx, "u1");
                      events.userCreated(context, ada);
                      insertUser(tx, "u1"); // the same id again: the primary key refuses it
                      return null;
                    }))
        .hasMessageContaining("UNIQUE constraint failed");
    EventEnvelope committed =
        inTransaction(
            (tx, events) -> {
              insertUser(tx, "u1");
              return events.userCreated(context, ada);
            });

    await().atMost(WAIT).until(() -> deliveredEventIds().contains(committed.getEventId()));
    assertThat(stored()).containsExactly(committed);
    assertThat(committed.getSequence()).as("the rolled-back event gave its number back").isOne();
    assertThat(deliveredEventIds()).containsExactly(committed.getEventId());
    assertThat(dispatcher.attempts())
        .extracting(attempt -> attempt.envelope().getEventId())
        .containsExactly(committed.getEventId());
  }

  @Test
  void sequenceIncreasesWithEachChangeToTheSameUserAcrossARestart() {
    inTransaction((tx, events) -> events.userCreated(context, user("u1")));
    inTransaction((tx, events) -> events.userCreated(context, user("u2")));
    inTransaction((tx, events) -> events.userUpdated(context, rename("u1", "ada")));
    pipeline.close();
    startPipeline();
    inTransaction((tx, events) -> events.userUpdated(context, rename("u1", "lovelace")));
    inTransaction((tx, events) -> events.userDeleted(context, deleted("u1")));

    assertThat(sequencesOf("u1")).containsExactly(1L, 2L, 3L, 4L);
    assertThat(sequencesOf("u2")).containsExactly(1L);
  }

  @Test
  void busEmitsNumberEveryEventOnceUnderConcurrentPublishers() throws Exception {
    IdentityEvents<CompletableFuture<EventEnvelope>> events =
        IdentityEvents.to(emitter.viaBus(pipeline.engine.bus(), pipeline.database));
    List<CompletableFuture<EventEnvelope>> durable = new ArrayList<>();
    try (ExecutorService publishers = Executors.newFixedThreadPool(4)) {
      List<CompletableFuture<CompletableFuture<EventEnvelope>>> calls = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        String name = "name-" + i;
        calls.add(
            CompletableFuture.supplyAsync(
                () -> events.userUpdated(context, rename("u1", name)), publishers));
      }
      for (CompletableFuture<CompletableFuture<EventEnvelope>> call : calls) {
        durable.add(call.get());
      }
    }
    CompletableFuture.allOf(durable.toArray(CompletableFuture[]::new)).join();

    assertThat(sequencesOf("u1"))
        .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 100).boxed().toList());
    await().atMost(WAIT).until(() -> deliveredEventIds().size() == 100);
  }

  @Test
  void updatedListsExactlyTheFieldsItSets() {
    EventEnvelope event =
        inTransaction(
            (tx, events) ->
                events.userUpdated(
                    context,
                    UserUpdated.newBuilder()
                        .setUserId("u1")
                        .addChangedFields("username") // replaced: the set fields decide
                        .setEmail("ada@example.com")
                        .setDisplayName("")
                        .build()));

    assertThat(unpack(event, UserUpdated.class).getChangedFieldsList())
        .containsExactly("email", "display_name");
  }

  @Test
  void refusesAnUpdateThatChangesNothing() {
    assertThatThrownBy(
            () ->
                inTransaction(
                    (tx, events) ->
                        events.groupUpdated(
                            context, GroupUpdated.newBuilder().setGroupId("g1").build())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "GroupUpdated: no field changed (expected: at least one of [name, description])");
    assertThat(stored()).isEmpty();
  }

  @Test
  void refusesAnEventWithoutTheAggregatesId() {
    assertThatThrownBy(
            () ->
                inTransaction(
                    (tx, events) -> events.userCreated(context, UserCreated.getDefaultInstance())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "subject: 'user:' for user.created (expected: the type and id of the aggregate, e.g."
                + " user:u1)");
  }

  private static UserCreated user(String id) {
    return UserCreated.newBuilder().setUserId(id).setUsername(id).build();
  }

  private static UserUpdated rename(String id, String username) {
    return UserUpdated.newBuilder().setUserId(id).setUsername(username).build();
  }

  private static UserDeleted deleted(String id) {
    return UserDeleted.newBuilder().setUserId(id).build();
  }

  private static <T extends Message> T unpack(EventEnvelope event, Class<T> type) {
    try {
      return event.getProtoPayload().unpack(type);
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }
}
