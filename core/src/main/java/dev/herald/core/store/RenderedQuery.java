package dev.herald.core.store;

import static java.util.Objects.requireNonNull;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.conf.ParamType;
import org.jooq.conf.SettingsTools;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * A jOOQ query built with the generated classes, rendered to SQL once and then run with new bind
 * values: on the router's hot paths jOOQ's rendering, repeated on every execution, cost more than
 * SQLite's work. Bind values go in the order their placeholders appear in the query.
 */
public final class RenderedQuery {

  private final String sql;
  private final int binds;
  private final Field<?>[] columns;

  private RenderedQuery(String sql, int binds, Field<?>[] columns) {
    this.sql = sql;
    this.binds = binds;
    this.columns = columns;
  }

  /**
   * Renders {@code query} for {@code dialect}. Its bind values (any placeholder value will do)
   * become the positions {@link #fetch}, {@link #execute} and {@link #executeBatch} fill.
   *
   * @param columns the columns the query returns, in order, so each is read as its own type (the
   *     rendered text alone would not say that an INTEGER column holds Java longs)
   */
  public static RenderedQuery of(Dialect dialect, Query query, Field<?>... columns) {
    requireNonNull(dialect, "dialect");
    requireNonNull(query, "query");
    DSLContext renderer =
        DSL.using(
            dialect.sql(),
            SettingsTools.clone(dialect.settings()).withParamType(ParamType.INDEXED));
    return new RenderedQuery(
        renderer.render(query), renderer.extractBindValues(query).size(), columns.clone());
  }

  /** Runs the query and returns its rows (a SELECT, or a write with RETURNING). */
  public Result<Record> fetch(DSLContext ctx, Object... values) {
    return ctx.resultQuery(sql, checked(values)).coerce(columns).fetch();
  }

  /** Runs the statement and returns how many rows it changed. */
  public int execute(DSLContext ctx, Object... values) {
    return ctx.query(sql, checked(values)).execute();
  }

  /**
   * Runs the statement once per row, as one JDBC batch: {@code values} gives each row's bind
   * values. Bound straight onto the prepared statement, without jOOQ's per-row binding, which cost
   * more than the database's own work on the outbox's and the router's write paths.
   */
  public <T> void executeBatch(
      DSLContext ctx, Collection<T> rows, Function<? super T, Object[]> values) {
    ctx.connection(
        connection -> {
          try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (T row : rows) {
              Object[] bound = checked(values.apply(row));
              for (int i = 0; i < bound.length; i++) {
                statement.setObject(i + 1, bound[i]);
              }
              statement.addBatch();
            }
            statement.executeBatch();
          } catch (SQLException e) {
            throw new DataAccessException("SQL [" + sql + "]; " + e.getMessage(), e);
          }
        });
  }

  private Object[] checked(Object[] values) {
    if (values.length != binds) {
      throw new IllegalArgumentException(
          "values: " + values.length + " (expected: " + binds + " for " + sql + ")");
    }
    return values;
  }

  @Override
  public String toString() {
    return sql;
  }
}
