package dev.herald.core.outbox;

import dev.herald.core.store.PurgedRows;
import dev.herald.proto.event.v1.EventEnvelope;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;

/**
 * The {@code event_outbox} table, and how far the router got: accepted events, each stored once by
 * event_id. The only writer of those tables.
 */
public interface OutboxStore {

  /** Inserts the events inside the caller's transaction, skipping any event_id already stored. */
  void append(DSLContext tx, Collection<EventEnvelope> events, Instant now);

  /**
   * Events not yet expanded into deliveries, oldest first.
   *
   * @param after where the router's cursor stood when they were read (SQLite); unused where each
   *     row is marked
   */
  record Unrouted(long after, List<OutboxEvent> events) {
    public Unrouted {
      events = List.copyOf(events);
    }
  }

  /**
   * Returns up to {@code limit} events not yet expanded into deliveries. Reads only, so it may run
   * outside the router's write transaction; {@link #markRouted} then takes what is still free.
   */
  Unrouted unrouted(DSLContext ctx, int limit);

  /**
   * Marks, inside the router's write transaction, the events of {@code batch} that no other router
   * has taken as routed, and returns them: the caller expands exactly those into deliveries in the
   * same transaction, so each event is expanded once.
   */
  List<OutboxEvent> markRouted(DSLContext tx, Unrouted batch);

  /** Counts the events not yet expanded into deliveries. */
  long unroutedCount(DSLContext ctx);

  /** Returns the stored envelopes of the given outbox rows, by row id. */
  Map<Long, EventEnvelope> envelopes(DSLContext ctx, Collection<Long> outboxIds);

  /**
   * Returns up to {@code limit} events the router has expanded that match {@code condition} (on
   * {@code event_outbox}), oldest first: what a replay may deliver again.
   */
  List<OutboxEvent> routed(DSLContext ctx, Condition condition, int limit);

  /**
   * Deletes, inside the caller's transaction, old events that are done with: among the {@code
   * limit} events after id {@code afterId}, oldest first, those stored before {@code createdBefore}
   * that the router has expanded and that no delivery refers to any more (retention deletes
   * finished deliveries first; a live one keeps its event). An event not yet routed is never
   * deleted, so the router neither skips nor re-routes anything.
   *
   * @return done once a batch reaches events stored at or after the cutoff, or the last event
   */
  PurgedRows purgeDone(DSLContext tx, long afterId, Instant createdBefore, int limit);
}
