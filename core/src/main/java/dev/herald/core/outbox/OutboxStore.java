package dev.herald.core.outbox;

import dev.herald.proto.event.v1.EventEnvelope;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/** The {@code event_outbox} table: accepted events, each stored once by event_id. */
public interface OutboxStore {

  /**
   * Inserts the events inside the caller's transaction, skipping any event_id already stored.
   *
   * @return how many rows were new
   */
  int append(DSLContext tx, Collection<EventEnvelope> events, Instant now);

  /**
   * Events not yet expanded into deliveries, oldest first.
   *
   * @param after where the router had got to when they were read
   */
  record Unrouted(long after, List<OutboxEvent> events) {
    public Unrouted {
      events = List.copyOf(events);
    }
  }

  /**
   * Returns up to {@code limit} events not yet expanded into deliveries. Reads only, so it may run
   * outside the router's write transaction; {@link #markRouted} then checks nothing moved.
   */
  Unrouted unrouted(DSLContext ctx, int limit);

  /**
   * Records, inside the router's write transaction, that {@code batch} is expanded into deliveries.
   *
   * @return false, recording nothing, when another router has expanded events of it meanwhile
   */
  boolean markRouted(DSLContext tx, Unrouted batch);

  /** Returns the stored envelopes of the given outbox rows, by row id. */
  Map<Long, EventEnvelope> envelopes(DSLContext ctx, Collection<Long> outboxIds);
}
