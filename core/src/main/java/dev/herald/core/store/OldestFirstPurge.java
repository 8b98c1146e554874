package dev.herald.core.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record2;
import org.jooq.Result;
import org.jooq.Table;

/**
 * One retention batch over a table whose ids grow with its rows' age (an append-only log): the next
 * {@code limit} rows by id, of which those older than the cutoff and deletable go. Walking the
 * primary key needs no index on the time column, and each row is looked at once per pass, however
 * many old rows are kept (a kept row is stepped over, not read again by the next batch).
 *
 * @param table the table
 * @param id its id column, ascending with insertion
 * @param time when each row was stored, in epoch milliseconds
 */
public record OldestFirstPurge(Table<?> table, Field<Long> id, Field<Long> time) {

  public OldestFirstPurge {
    requireNonNull(table, "table");
    requireNonNull(id, "id");
    requireNonNull(time, "time");
  }

  /**
   * Deletes, among the {@code limit} rows after {@code afterId}, those older than {@code before}
   * that match {@code deletable}. The pass is done once it reaches a row at or after the cutoff
   * (rows are stored roughly in time order; one that is out of order waits for a later pass).
   */
  public PurgedRows purge(
      DSLContext tx, long afterId, Instant before, int limit, Condition deletable) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit: " + limit + " (expected: >= 1)");
    }
    long cutoff = before.toEpochMilli();
    Result<Record2<Long, Long>> rows =
        tx.select(id, time).from(table).where(id.gt(afterId)).orderBy(id).limit(limit).fetch();
    List<Long> old = rows.stream().filter(r -> r.value2() < cutoff).map(Record2::value1).toList();
    int deleted =
        old.isEmpty() ? 0 : tx.deleteFrom(table).where(id.in(old)).and(deletable).execute();
    boolean reachedNew = old.size() < rows.size();
    long lastId = rows.isEmpty() ? afterId : rows.getLast().value1();
    return new PurgedRows(deleted, lastId, reachedNew || rows.size() < limit);
  }
}
