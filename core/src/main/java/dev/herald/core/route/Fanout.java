package dev.herald.core.route;

import static java.util.Objects.requireNonNull;

import dev.herald.core.dispatch.TargetRef;
import dev.herald.core.outbox.OutboxEvent;
import dev.herald.core.outbox.OutboxStore;
import dev.herald.core.route.DeliveryStore.NewDelivery;
import dev.herald.core.store.Database;
import java.time.Clock;
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

  /**
   * Routes unrouted events, at most {@code maxBatches} transactions of them, so claiming is never
   * held up for long by a large backlog of new events.
   *
   * @return true if unrouted events may remain
   */
  boolean route(int maxBatches) {
    for (int i = 0; i < maxBatches; i++) {
      if (routeBatch() < batchSize) {
        return false;
      }
    }
    return true;
  }

  /**
   * Routes one batch: reads it on a read connection, so the write lock is held only to create its
   * deliveries and move the cursor. Returns how many events were routed (a full batch when another
   * router took them first: look again at once).
   */
  private int routeBatch() {
    OutboxStore.Unrouted batch = database.read(ctx -> outbox.unrouted(ctx, batchSize));
    if (batch.events().isEmpty()) {
      return 0;
    }
    List<NewDelivery> created = new ArrayList<>();
    for (OutboxEvent event : batch.events()) {
      for (TargetRef target : directory.subscribers(event)) {
        created.add(new NewDelivery(event.id(), event.eventId(), target));
      }
    }
    boolean routed =
        database.write(
            tx -> {
              if (!outbox.markRouted(tx, batch)) {
                return false;
              }
              deliveries.create(tx, created, clock.instant());
              return true;
            });
    return routed ? batch.events().size() : batchSize;
  }
}
