package dev.herald.core.outbox;

import static java.util.Objects.requireNonNull;

import dev.herald.core.store.Database;
import dev.herald.proto.event.v1.EventEnvelope;
import java.sql.Connection;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import org.jooq.DSLContext;

/**
 * Appends events inside the caller's own database transaction, so an event commits or rolls back
 * with the domain change that caused it. Appending the same event_id twice stores it once.
 */
public final class TransactionalOutbox {

  /** Work that changes domain rows and appends the events describing the change. */
  @FunctionalInterface
  public interface TransactionWork<T> {
    /** Runs inside the transaction; throwing rolls back the domain change and the events. */
    T run(DSLContext tx, Appender outbox);
  }

  /** Appends events to the transaction it was handed with. */
  @FunctionalInterface
  public interface Appender {
    /** Validates and appends an event. */
    void append(EventEnvelope event);
  }

  private final Database database;
  private final OutboxStore store;
  private final Consumer<EventEnvelope> validator;
  private final Clock clock;
  private final Runnable committed;

  /**
   * Creates the transactional outbox.
   *
   * @param validator throws on a malformed envelope, naming the field
   * @param committed called after a commit that appended events, e.g. to wake the router
   */
  public TransactionalOutbox(
      Database database,
      OutboxStore store,
      Consumer<EventEnvelope> validator,
      Clock clock,
      Runnable committed) {
    this.database = requireNonNull(database, "database");
    this.store = requireNonNull(store, "store");
    this.validator = requireNonNull(validator, "validator");
    this.clock = requireNonNull(clock, "clock");
    this.committed = requireNonNull(committed, "committed");
  }

  /**
   * Runs {@code work} in one write transaction on Herald's database (the embedded way: the caller's
   * tables live in the same database). The router is woken once it commits.
   */
  public <T> T inTransaction(TransactionWork<T> work) {
    requireNonNull(work, "work");
    boolean[] appended = {false};
    T result =
        database.write(
            tx ->
                work.run(
                    tx,
                    event -> {
                      append(tx, event);
                      appended[0] = true;
                    }));
    if (appended[0]) {
      committed.run();
    }
    return result;
  }

  /**
   * Appends an event in a transaction the caller manages on this database. The router finds it on
   * its next poll; call {@link #committed()} after the commit to have it delivered sooner.
   */
  public void append(DSLContext tx, EventEnvelope event) {
    requireNonNull(tx, "tx");
    requireNonNull(event, "event");
    validator.accept(event);
    store.append(tx, List.of(event), clock.instant());
  }

  /** Appends an event through the caller's JDBC connection, inside its open transaction. */
  public void append(Connection connection, EventEnvelope event) {
    requireNonNull(connection, "connection");
    append(database.dialect().using(connection), event);
  }

  /** Tells the router that a transaction holding appended events has committed. */
  public void committed() {
    committed.run();
  }
}
