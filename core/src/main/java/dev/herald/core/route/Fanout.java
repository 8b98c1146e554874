package dev.herald.core.route;

import static java.util.Objects.requireNonNull;

import dev.herald.core.dispatch.TargetRef;
import dev.herald.core.outbox.OutboxEvent;
import dev.herald.core.outbox.OutboxStore;
import dev.herald.core.route.DeliveryStore.NewDelivery;
import dev.herald.core.store.Database;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Expands new outbox events into one delivery per subscribed target, in the same transaction that
 * marks them routed, so an event is expanded exactly once.
 */
final class Fanout {

  private final Database database;
  private final OutboxStore outbox;
  private final DeliveryStore deliveries;
  private final TargetDirectory directory;
  private final Clock clock;
  private final int batchSize;

  Fanout(
      Database database,
      OutboxStore outbox,
      DeliveryStore deliveries,
      TargetDirectory directory,
      Clock clock,
      int batchSize) {
    this.database = requireNonNull(database, "database");
    this.outbox = requireNonNull(outbox, "outbox");
    this.deliveries = requireNonNull(deliveries, "deliveries");
    this.directory = requireNonNull(directory, "directory");
    this.clock = requireNonNull(clock, "clock");
    this.batchSize = batchSize;
  }

  /** Routes every unrouted event; returns how many deliveries were created. */
  int routeAll() {
    int created = 0;
    while (true) {
      int[] batch = database.write(this::routeBatch);
      created += batch[1];
      if (batch[0] < batchSize) {
        return created;
      }
    }
  }

  /** Returns {events routed, deliveries created}. */
  private int[] routeBatch(org.jooq.DSLContext tx) {
    List<OutboxEvent> events = outbox.unrouted(tx, batchSize);
    if (events.isEmpty()) {
      return new int[] {0, 0};
    }
    Instant now = clock.instant();
    List<NewDelivery> created = new ArrayList<>();
    List<Long> routed = new ArrayList<>(events.size());
    for (OutboxEvent event : events) {
      for (TargetRef target : directory.subscribers(event)) {
        created.add(new NewDelivery(event.id(), event.eventId(), target));
      }
      routed.add(event.id());
    }
    int inserted = deliveries.create(tx, created, now);
    outbox.markRouted(tx, routed, now);
    return new int[] {events.size(), inserted};
  }
}
