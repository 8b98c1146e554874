package dev.herald.core.store;

import static dev.herald.core.store.jooq.Tables.EVENT_OUTBOX;
import static java.util.Objects.requireNonNull;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.herald.core.envelope.SearchFields;
import dev.herald.proto.event.v1.EventEnvelope;
import java.sql.Connection;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.jooq.BatchBindStep;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.Result;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Migration 16.1: fills the search columns V16 added to {@code event_outbox} (subject type and id,
 * correlation id) for the events stored before it, by decoding their envelopes. Runs outside one
 * big transaction: it walks the table by id in batches and commits each, so a table of millions of
 * rows holds no long lock. Filling a row twice writes the same values, so a run cut short (the
 * process killed, or the database lost mid-way) simply runs again on the next start: Flyway records
 * 16.1 only once it has finished, and runs a failed run of it again.
 */
public final class SearchColumnsBackfill implements JavaMigration {

  private static final Logger log = LoggerFactory.getLogger(SearchColumnsBackfill.class);
  // Rows read, decoded and written per transaction.
  private static final int BATCH = 1000;

  private final Dialect dialect;

  /** Creates the migration for a database of the given dialect. */
  public SearchColumnsBackfill(Dialect dialect) {
    this.dialect = requireNonNull(dialect, "dialect");
  }

  @Override
  public MigrationVersion getVersion() {
    return MigrationVersion.fromVersion("16.1");
  }

  @Override
  public String getDescription() {
    return "event search backfill";
  }

  @Override
  public Integer getChecksum() {
    return null;
  }

  @Override
  public boolean canExecuteInTransaction() {
    // It commits batch by batch itself.
    return false;
  }

  @Override
  public void migrate(Context context) throws Exception {
    Connection connection = context.getConnection();
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try {
      DSLContext ctx = dialect.using(connection);
      long after = 0;
      long filled = 0;
      while (true) {
        Result<Record2<Long, byte[]>> rows =
            ctx.select(EVENT_OUTBOX.ID, EVENT_OUTBOX.ENVELOPE)
                .from(EVENT_OUTBOX)
                .where(EVENT_OUTBOX.ID.gt(after))
                .orderBy(EVENT_OUTBOX.ID)
                .limit(BATCH)
                .fetch();
        if (rows.isEmpty()) {
          break;
        }
        filled += fill(ctx, rows);
        connection.commit();
        after = rows.getLast().value1();
      }
      if (filled > 0) {
        log.info("Filled the search columns of {} stored events", filled);
      }
    } catch (Exception e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  /** Writes the search columns of the rows that have any; returns how many it wrote. */
  private static int fill(DSLContext ctx, Result<Record2<Long, byte[]>> rows) {
    BatchBindStep updates =
        ctx.batch(
            ctx.update(EVENT_OUTBOX)
                .set(EVENT_OUTBOX.SUBJECT_TYPE, (String) null)
                .set(EVENT_OUTBOX.SUBJECT_ID, (String) null)
                .set(EVENT_OUTBOX.CORRELATION_ID, (String) null)
                .where(EVENT_OUTBOX.ID.eq((Long) null)));
    int count = 0;
    for (Record2<Long, byte[]> row : rows) {
      SearchFields fields;
      try {
        fields = SearchFields.of(EventEnvelope.parseFrom(row.value2()));
      } catch (InvalidProtocolBufferException e) {
        // Damaged outside Herald: leave it unsearchable rather than fail every start from now on.
        log.warn("event_outbox row {}: envelope does not parse; not searchable", row.value1());
        continue;
      }
      if (!fields.isEmpty()) {
        updates.bind(
            fields.subjectType(), fields.subjectId(), fields.correlationId(), row.value1());
        count++;
      }
    }
    if (count > 0) {
      updates.execute();
    }
    return count;
  }
}
