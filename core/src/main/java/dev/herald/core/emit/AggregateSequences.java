package dev.herald.core.emit;

import static dev.herald.core.store.jooq.Tables.AGGREGATE_SEQUENCES;
import static dev.herald.core.store.jooq.Tables.EVENT_OUTBOX;

import dev.herald.proto.event.v1.EventEnvelope;
import dev.herald.proto.event.v1.Subject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;

/**
 * The {@code aggregate_sequences} table: one counter per aggregate, bumped inside the transaction
 * that appends the aggregate's event, so a rolled-back event gives its number back and the counter
 * survives restarts and is shared by every process writing the database.
 */
public final class AggregateSequences {

  /** Returns the aggregate's next sequence, from 1, counting it inside {@code tx}. */
  public long next(DSLContext tx, String realmId, Subject subject, Instant now) {
    long updatedAt = now.toEpochMilli();
    tx.insertInto(
            AGGREGATE_SEQUENCES,
            AGGREGATE_SEQUENCES.REALM_ID,
            AGGREGATE_SEQUENCES.AGGREGATE_TYPE,
            AGGREGATE_SEQUENCES.AGGREGATE_ID,
            AGGREGATE_SEQUENCES.SEQUENCE,
            AGGREGATE_SEQUENCES.UPDATED_AT)
        .values(realmId, subject.getType(), subject.getId(), 1L, updatedAt)
        .onConflict(
            AGGREGATE_SEQUENCES.REALM_ID,
            AGGREGATE_SEQUENCES.AGGREGATE_TYPE,
            AGGREGATE_SEQUENCES.AGGREGATE_ID)
        .doUpdate()
        .set(AGGREGATE_SEQUENCES.SEQUENCE, AGGREGATE_SEQUENCES.SEQUENCE.plus(1L))
        .set(AGGREGATE_SEQUENCES.UPDATED_AT, updatedAt)
        .execute();
    // Read back rather than RETURNING: jOOQ emulates an upsert's RETURNING on SQLite with
    // last_insert_rowid(), which an update does not move. The transaction holds the row, so the
    // value read is the one just written.
    return tx.select(AGGREGATE_SEQUENCES.SEQUENCE)
        .from(AGGREGATE_SEQUENCES)
        .where(
            AGGREGATE_SEQUENCES.REALM_ID.eq(realmId),
            AGGREGATE_SEQUENCES.AGGREGATE_TYPE.eq(subject.getType()),
            AGGREGATE_SEQUENCES.AGGREGATE_ID.eq(subject.getId()))
        .fetchSingle(AGGREGATE_SEQUENCES.SEQUENCE);
  }

  /**
   * Returns the events with the ones that name an aggregate but no sequence numbered in their
   * aggregate's sequence, counting inside {@code tx}: what remote publishers leave to Herald. An
   * event already stored, or earlier in the list, keeps what it has: publishing it again must not
   * use up a number.
   */
  public List<EventEnvelope> numberUnnumbered(
      DSLContext tx, List<EventEnvelope> events, Instant now) {
    List<String> ids = events.stream().map(EventEnvelope::getEventId).toList();
    Set<String> seen =
        new HashSet<>(
            tx.select(EVENT_OUTBOX.EVENT_ID)
                .from(EVENT_OUTBOX)
                .where(EVENT_OUTBOX.EVENT_ID.in(ids))
                .fetch(EVENT_OUTBOX.EVENT_ID));
    List<EventEnvelope> numbered = new ArrayList<>(events.size());
    for (EventEnvelope event : events) {
      Subject subject = event.getSubject();
      boolean names = !subject.getType().isEmpty() && !subject.getId().isEmpty();
      if (seen.add(event.getEventId()) && names && event.getSequence() == 0) {
        event = event.toBuilder().setSequence(next(tx, event.getRealmId(), subject, now)).build();
      }
      numbered.add(event);
    }
    return numbered;
  }
}
