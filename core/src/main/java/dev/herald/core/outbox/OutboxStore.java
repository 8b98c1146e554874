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

  /** Returns up to {@code limit} events not yet expanded into deliveries, oldest first. */
  List<OutboxEvent> unrouted(DSLContext tx, int limit);

  /**
   * Records, inside the router's transaction, that every event returned by {@link #unrouted} up to
   * and including row {@code lastOutboxId} is expanded into deliveries.
   */
  void markRouted(DSLContext tx, long lastOutboxId);

  /** Returns the stored envelopes of the given outbox rows, by row id. */
  Map<Long, EventEnvelope> envelopes(DSLContext ctx, Collection<Long> outboxIds);
}
