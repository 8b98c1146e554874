package dev.herald.core.outbox;

import static dev.herald.core.store.jooq.Tables.DELIVERY_LOGS;
import static dev.herald.core.store.jooq.Tables.EVENT_OUTBOX;
import static dev.herald.core.testing.Endpoints.endpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.herald.core.envelope.InvalidEnvelopeException;
import dev.herald.core.testing.ScriptedDispatcher;
import dev.herald.core.testing.StoredEvents;
import dev.herald.core.testing.TestPipeline;
import dev.herald.proto.event.v1.EventEnvelope;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;

class TransactionalOutboxTest {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Table<?> ACCOUNTS = table(name("accounts"));
  private static final Field<String> ACCOUNT_ID = field(name("id"), SQLDataType.VARCHAR.notNull());

  @TempDir Path folder;
  private TestPipeline pipeline;
  private ScriptedDispatcher dispatcher;
  private TransactionalOutbox outbox;

  @BeforeEach
  void start() {
    dispatcher = ScriptedDispatcher.alwaysDelivering();
    pipeline =
        TestPipeline.start(
            folder,
            List.of(endpoint("all", "http://127.0.0.1:1/all", "*")),
            w -> dispatcher,
            TestPipeline.FAST_RETRIES);
    outbox = pipeline.engine.outbox();
    // The embedder's own table, in Herald's database.
    pipeline.database.write(
        tx ->
            tx.createTable(ACCOUNTS)
                .column(ACCOUNT_ID)
                .constraints(DSL.primaryKey(ACCOUNT_ID))
                .execute());
  }

  @AfterEach
  void stop() {
    pipeline.close();
  }

  private EventEnvelope accountOpened() {
    return pipeline.events.json("account.opened", "", "{\"plan\":\"free\"}");
  }

  private static void insertAccount(DSLContext tx, String id) {
    tx.insertInto(ACCOUNTS, ACCOUNT_ID).values(id).execute();
  }

  private List<String> accounts() {
    return pipeline.database.read(
        ctx -> ctx.select(ACCOUNT_ID).from(ACCOUNTS).orderBy(ACCOUNT_ID).fetch(ACCOUNT_ID));
  }

  private List<String> storedEventIds() {
    return pipeline.database.read(
        ctx ->
            ctx.select(EVENT_OUTBOX.EVENT_ID)
                .from(EVENT_OUTBOX)
                .orderBy(EVENT_OUTBOX.ID)
                .fetch(EVENT_OUTBOX.EVENT_ID));
  }

  private List<String> deliveredEventIds() {
    return StoredEvents.deliveredEventIds(pipeline.database);
  }

  private int count(Table<?> table) {
    return pipeline.database.read(ctx -> ctx.fetchCount(table));
  }

  /** Commits one marker event and waits until it is delivered: everything before it is settled. */
  private EventEnvelope commitMarkerAndAwaitDelivery(String accountId) {
    EventEnvelope marker = accountOpened();
    outbox.inTransaction(
        (tx, events) -> {
          insertAccount(tx, accountId);
          events.append(marker);
          return null;
        });
    await().atMost(WAIT).until(() -> deliveredEventIds().contains(marker.getEventId()));
    return marker;
  }

  @Test
  void rollbackLeavesNoDomainRowNoEventAndNoDelivery() {
    EventEnvelope rolledBack = accountOpened();

    assertThatThrownBy(
            () ->
                outbox.inTransaction(
                    (tx, events) -> {
                      insertAccount(tx, "acc-1");
                      events.append(rolledBack);
                      throw new IllegalStateException("payment declined");
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("payment declined");

    EventEnvelope marker = commitMarkerAndAwaitDelivery("acc-2");
    assertThat(accounts()).containsExactly("acc-2");
    assertThat(storedEventIds()).containsExactly(marker.getEventId());
    assertThat(deliveredEventIds()).containsExactly(marker.getEventId());
    assertThat(dispatcher.attempts())
        .extracting(a -> a.envelope().getEventId())
        .containsExactly(marker.getEventId());
  }

  @Test
  void commitStoresOneEventAndDeliversItOnce() {
    EventEnvelope event = accountOpened();

    String result =
        outbox.inTransaction(
            (tx, events) -> {
              insertAccount(tx, "acc-1");
              events.append(event);
              return "acc-1";
            });

    assertThat(result).isEqualTo("acc-1");
    assertThat(accounts()).containsExactly("acc-1");
    assertThat(storedEventIds()).containsExactly(event.getEventId());
    await().atMost(WAIT).until(() -> deliveredEventIds().equals(List.of(event.getEventId())));
    assertThat(dispatcher.attempts()).hasSize(1);
    assertThat(dispatcher.attempts().get(0).envelope()).isEqualTo(event);
    assertThat(count(DELIVERY_LOGS)).isEqualTo(1);
  }

  @Test
  void invalidEnvelopeThrowsAndRollsBackTheDomainChange() {
    EventEnvelope invalid = accountOpened().toBuilder().setEventType("Account.Opened").build();

    assertThatThrownBy(
            () ->
                outbox.inTransaction(
                    (tx, events) -> {
                      insertAccount(tx, "acc-1");
                      events.append(invalid);
                      return null;
                    }))
        .isInstanceOf(InvalidEnvelopeException.class)
        .hasMessageContaining("event_type: 'Account.Opened'");

    assertThat(accounts()).isEmpty();
    assertThat(storedEventIds()).isEmpty();
  }

  @Test
  void nestedTransactionJoinsTheOuterOneAndRollsBackWithIt() {
    assertThatThrownBy(
            () ->
                outbox.inTransaction(
                    (tx, events) -> {
                      insertAccount(tx, "outer");
                      events.append(accountOpened());
                      outbox.inTransaction(
                          (innerTx, innerEvents) -> {
                            insertAccount(innerTx, "inner");
                            innerEvents.append(accountOpened());
                            return null;
                          });
                      throw new IllegalStateException("outer fails after the inner one");
                    }))
        .hasMessage("outer fails after the inner one");

    assertThat(accounts()).isEmpty();
    assertThat(storedEventIds()).isEmpty();
  }

  @Test
  void sameEventAppendedTwiceInOneTransactionIsStoredOnce() {
    EventEnvelope event = accountOpened();

    outbox.inTransaction(
        (tx, events) -> {
          insertAccount(tx, "acc-1");
          events.append(event);
          events.append(event);
          return null;
        });

    assertThat(storedEventIds()).containsExactly(event.getEventId());
    await().atMost(WAIT).until(() -> deliveredEventIds().equals(List.of(event.getEventId())));
    assertThat(dispatcher.attempts()).hasSize(1);
  }

  @Test
  void sameEventAppendedInTwoTransactionsIsStoredOnce() {
    EventEnvelope event = accountOpened();

    outbox.inTransaction(
        (tx, events) -> {
          insertAccount(tx, "acc-1");
          events.append(event);
          return null;
        });
    outbox.inTransaction(
        (tx, events) -> {
          insertAccount(tx, "acc-2");
          events.append(event);
          return null;
        });

    assertThat(accounts()).containsExactly("acc-1", "acc-2");
    assertThat(storedEventIds()).containsExactly(event.getEventId());
    EventEnvelope marker = commitMarkerAndAwaitDelivery("acc-3");
    assertThat(deliveredEventIds()).containsExactly(event.getEventId(), marker.getEventId());
    assertThat(dispatcher.attempts()).hasSize(2);
  }

  @Test
  void appendOnCallerManagedConnectionCommitsAndRollsBackWithIt() throws SQLException {
    EventEnvelope rolledBack = accountOpened();
    EventEnvelope committed = accountOpened();

    try (Connection connection = callerConnection()) {
      DSLContext tx = pipeline.database.dialect().using(connection);
      insertAccount(tx, "acc-1");
      outbox.append(connection, rolledBack);
      connection.rollback();

      insertAccount(tx, "acc-2");
      outbox.append(connection, committed);
      connection.commit();
    }

    assertThat(accounts()).containsExactly("acc-2");
    assertThat(storedEventIds()).containsExactly(committed.getEventId());
    // Nobody called committed(): the router finds the event on its next poll.
    await().atMost(WAIT).until(() -> deliveredEventIds().equals(List.of(committed.getEventId())));
    assertThat(dispatcher.attempts())
        .extracting(a -> a.envelope().getEventId())
        .containsExactly(committed.getEventId());
  }

  @Test
  void appendOnCallerManagedDslContextIsStored() {
    EventEnvelope event = accountOpened();

    pipeline.database.write(
        tx -> {
          insertAccount(tx, "acc-1");
          outbox.append(tx, event);
          return null;
        });
    outbox.committed();

    await().atMost(WAIT).until(() -> deliveredEventIds().equals(List.of(event.getEventId())));
    assertThat(accounts()).containsExactly("acc-1");
  }

  /** Opens a connection the way an embedder would: its own, on the same file, autocommit off. */
  private Connection callerConnection() throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout(10_000);
    Connection connection =
        config.createConnection("jdbc:sqlite:" + pipeline.database.file().toAbsolutePath());
    connection.setAutoCommit(false);
    return connection;
  }
}
