package dev.herald.core.outbox;

import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;

/** How the outbox remembers which events the router has expanded: the one dialect difference. */
interface Routing {

  /** Returns up to {@code limit} unrouted events, oldest first. */
  OutboxStore.Unrouted unrouted(DSLContext ctx, int limit);

  /** Marks the events of the batch no other router took; returns them. */
  List<OutboxEvent> markRouted(DSLContext tx, OutboxStore.Unrouted batch);

  /** Matches the events already expanded. */
  Condition routed();

  /** Counts the events not yet expanded. */
  long unroutedCount(DSLContext ctx);
}
