package dev.herald.core.store;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.util.Collection;
import java.util.Optional;
import java.util.TreeSet;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Select;
import org.jooq.SelectForUpdateStep;
import org.jooq.conf.MappedSchema;
import org.jooq.conf.RenderMapping;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * What differs between the databases Herald runs on, and nothing else: the stores ask it where
 * SQLite and PostgreSQL need different SQL. Everything they share is written once, in jOOQ.
 */
public sealed interface Dialect {

  /** The embedded default: one file, one writer at a time, one node. */
  Dialect SQLITE = new Sqlite();

  /** Returns the PostgreSQL dialect, with Herald's tables in {@code schema} when one is named. */
  static Dialect postgres(Optional<String> schema) {
    return new Postgres(schema);
  }

  /** Returns the SQL dialect jOOQ renders for. */
  SQLDialect sql();

  /** Returns how jOOQ renders: Herald's tables qualified by its schema when it has one. */
  Settings settings();

  /** Returns a jOOQ context on a connection, e.g. one the caller's own transaction holds. */
  default DSLContext using(Connection connection) {
    return DSL.using(connection, sql(), settings());
  }

  /**
   * Returns whether one writer commits at a time, so that row ids become visible in commit order
   * and nothing else claims rows meanwhile (SQLite). When false (PostgreSQL), several nodes write
   * at once: each event is marked routed on its own row, claims skip rows other nodes hold, and a
   * target's concurrency limit is counted in the database, not in one process.
   */
  boolean singleWriter();

  /** Returns {@code select} made to skip rows that other transactions hold, where that exists. */
  <R extends Record> Select<R> skippingLocked(SelectForUpdateStep<R> select);

  /**
   * Takes, for the rest of the transaction, the lock on {@code key} that serialises one target's
   * claims across nodes; returns false, at once, when another transaction holds it. Always true
   * where there is a single writer.
   */
  boolean tryLock(DSLContext tx, String key);

  /**
   * Takes, for the rest of the transaction, the lock on {@code key}, waiting for another
   * transaction that holds it: work that must not run on two nodes at once. Nothing to do with a
   * single writer.
   */
  void lock(DSLContext tx, String key);

  /**
   * Takes, for the rest of the transaction, the locks on every key, waiting as {@link #lock} does,
   * in one round trip. Every caller takes them in the same (sorted) order, so two transactions
   * locking overlapping keys never deadlock. Nothing to do with a single writer.
   */
  void lockAll(DSLContext tx, Collection<String> keys);

  /** SQLite: the write lock is already the only lock, and nothing else claims rows. */
  final class Sqlite implements Dialect {
    private static final Settings SETTINGS = new Settings().withExecuteLogging(false);

    private Sqlite() {}

    @Override
    public SQLDialect sql() {
      return SQLDialect.SQLITE;
    }

    @Override
    public Settings settings() {
      return SETTINGS;
    }

    @Override
    public boolean singleWriter() {
      return true;
    }

    @Override
    public <R extends Record> Select<R> skippingLocked(SelectForUpdateStep<R> select) {
      return select;
    }

    @Override
    public boolean tryLock(DSLContext tx, String key) {
      return true;
    }

    @Override
    public void lock(DSLContext tx, String key) {}

    @Override
    public void lockAll(DSLContext tx, Collection<String> keys) {}
  }

  /** PostgreSQL: row locks with SKIP LOCKED, and transaction-scoped advisory locks. */
  final class Postgres implements Dialect {

    private final Optional<String> schema;
    private final Settings settings;

    private Postgres(Optional<String> schema) {
      this.schema = requireNonNull(schema, "schema");
      Settings plain = new Settings().withExecuteLogging(false);
      // The generated model has no schema (it is generated from SQLite): map it to Herald's, so a
      // caller's connection finds Herald's tables whatever its search_path.
      this.settings =
          schema
              .map(
                  name ->
                      plain.withRenderMapping(
                          new RenderMapping()
                              .withSchemata(new MappedSchema().withInput("").withOutput(name))))
              .orElse(plain);
    }

    /** Returns the schema Herald's tables live in, if one is named. */
    public Optional<String> schema() {
      return schema;
    }

    @Override
    public SQLDialect sql() {
      return SQLDialect.POSTGRES;
    }

    @Override
    public Settings settings() {
      return settings;
    }

    @Override
    public boolean singleWriter() {
      return false;
    }

    @Override
    public <R extends Record> Select<R> skippingLocked(SelectForUpdateStep<R> select) {
      return select.forUpdate().skipLocked();
    }

    @Override
    public boolean tryLock(DSLContext tx, String key) {
      return tx.select(DSL.function("pg_try_advisory_xact_lock", Boolean.class, lockId(key)))
          .fetchSingle()
          .value1();
    }

    @Override
    public void lock(DSLContext tx, String key) {
      tx.select(DSL.function("pg_advisory_xact_lock", Object.class, lockId(key))).fetch();
    }

    @Override
    public void lockAll(DSLContext tx, Collection<String> keys) {
      if (keys.isEmpty()) {
        return;
      }
      String[] sorted = new TreeSet<>(keys).toArray(String[]::new);
      // unnest WITH ORDINALITY yields the array in order, and the locks are taken row by row.
      tx.fetch(
          "select pg_advisory_xact_lock(hashtextextended(k, 0))"
              + " from unnest(?::text[]) with ordinality as t(k, n) order by n",
          (Object) sorted);
    }

    private static Field<Long> lockId(String key) {
      return DSL.function("hashtextextended", Long.class, DSL.val(key), DSL.inline(0L));
    }
  }
}
