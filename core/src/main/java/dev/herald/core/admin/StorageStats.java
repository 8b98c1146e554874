package dev.herald.core.admin;

import static dev.herald.core.store.jooq.Tables.AGGREGATE_SEQUENCES;
import static dev.herald.core.store.jooq.Tables.DELIVERIES;
import static dev.herald.core.store.jooq.Tables.DELIVERY_LOGS;
import static dev.herald.core.store.jooq.Tables.EVENT_OUTBOX;
import static dev.herald.core.store.jooq.Tables.PLUGIN_CONTROLS;
import static dev.herald.core.store.jooq.Tables.SECRET_KEYS;
import static dev.herald.core.store.jooq.Tables.WEBHOOK_ENDPOINTS;
import static dev.herald.core.store.jooq.Tables.WEBHOOK_SUBSCRIPTIONS;
import static java.util.Objects.requireNonNull;

import dev.herald.core.store.Database;
import dev.herald.core.store.Dialect;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * Rows, bytes and the oldest row of each of Herald's tables, for operators watching retention.
 * Counting reads every row (an index on SQLite), so a large table takes a moment; this is an
 * operator's look-up, not something to poll often.
 */
public final class StorageStats {

  /**
   * A table whose storage is reported.
   *
   * @param time when a row was stored, in epoch milliseconds
   * @param insertionOrder an id ascending with {@code time}, so the oldest row is found by the
   *     primary key; null for small tables, whose oldest row is their least {@code time}
   */
  public record ReportedTable(Table<?> table, Field<Long> time, Field<Long> insertionOrder) {
    public ReportedTable {
      requireNonNull(table, "table");
      requireNonNull(time, "time");
    }
  }

  /** Herald's own tables; a later table (e.g. an audit log) is one more entry. */
  public static final List<ReportedTable> HERALD_TABLES =
      List.of(
          new ReportedTable(EVENT_OUTBOX, EVENT_OUTBOX.CREATED_AT, EVENT_OUTBOX.ID),
          new ReportedTable(DELIVERIES, DELIVERIES.CREATED_AT, DELIVERIES.ID),
          new ReportedTable(DELIVERY_LOGS, DELIVERY_LOGS.STARTED_AT, DELIVERY_LOGS.ID),
          new ReportedTable(WEBHOOK_ENDPOINTS, WEBHOOK_ENDPOINTS.CREATED_AT, null),
          new ReportedTable(WEBHOOK_SUBSCRIPTIONS, WEBHOOK_SUBSCRIPTIONS.CREATED_AT, null),
          new ReportedTable(PLUGIN_CONTROLS, PLUGIN_CONTROLS.UPDATED_AT, null),
          new ReportedTable(AGGREGATE_SEQUENCES, AGGREGATE_SEQUENCES.UPDATED_AT, null),
          new ReportedTable(SECRET_KEYS, SECRET_KEYS.CREATED_AT, null));

  private final Database database;
  private final List<ReportedTable> tables;

  /** Creates the stats of Herald's tables. */
  public StorageStats(Database database) {
    this(database, HERALD_TABLES);
  }

  /** Creates the stats of the given tables. */
  public StorageStats(Database database, List<ReportedTable> tables) {
    this.database = requireNonNull(database, "database");
    this.tables = List.copyOf(tables);
  }

  /** Returns each table's storage, in the order the tables were given. */
  public List<TableStorage> tables() {
    return database.read(ctx -> tables.stream().map(table -> storage(ctx, table)).toList());
  }

  private TableStorage storage(DSLContext ctx, ReportedTable reported) {
    Table<?> table = reported.table();
    return new TableStorage(
        table.getName(), ctx.fetchCount(table), bytes(ctx, table), oldest(ctx, reported));
  }

  private static Optional<Instant> oldest(DSLContext ctx, ReportedTable reported) {
    Long millis =
        reported.insertionOrder() != null
            ? ctx.select(reported.time())
                .from(reported.table())
                .orderBy(reported.insertionOrder())
                .limit(1)
                .fetchOne(reported.time())
            : ctx.select(DSL.min(reported.time())).from(reported.table()).fetchOne().value1();
    return Optional.ofNullable(millis).map(Instant::ofEpochMilli);
  }

  private OptionalLong bytes(DSLContext ctx, Table<?> table) {
    return switch (database.dialect()) {
      case Dialect.Sqlite sqlite -> sqliteBytes(ctx, table);
      case Dialect.Postgres postgres ->
          OptionalLong.of(
              ctx.select(
                      DSL.function(
                          "pg_total_relation_size",
                          Long.class,
                          DSL.function("to_regclass", Object.class, DSL.val(ctx.render(table)))))
                  .fetchSingle()
                  .value1());
    };
  }

  // The dbstat virtual table counts the pages of the table and of its indexes; it walks them all.
  private static OptionalLong sqliteBytes(DSLContext ctx, Table<?> table) {
    try {
      Long bytes =
          ctx.fetchValue(
              DSL.field(
                  "(SELECT sum(pgsize) FROM dbstat WHERE name IN"
                      + " (SELECT name FROM sqlite_schema WHERE tbl_name = {0}))",
                  Long.class, DSL.val(table.getName())));
      return OptionalLong.of(bytes == null ? 0 : bytes);
    } catch (DataAccessException e) {
      return OptionalLong.empty(); // built without dbstat
    }
  }
}
