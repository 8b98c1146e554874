package dev.herald.core.route;

import static java.util.Objects.requireNonNull;

import dev.herald.core.dispatch.TargetRef;
import dev.herald.core.outbox.OutboxEvent;
import dev.herald.core.outbox.OutboxStore;
import dev.herald.core.route.DeliveryStore.NewDelivery;
import dev.herald.core.store.Database;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Expands new outbox events into one delivery per subscribed target, in the same transaction that
 * marks them routed, so an event is expanded exactly once; then says which targets got work.
 */
final class Fanout {

  private final Database database;
  private final OutboxStore outbox;
  private final DeliveryStore deliveries;
  private final TargetDirectory directory;
  private final Clock clock;
  private final int batchSize;
  private final Consumer<Set<TargetRef>> created;

  Fanout(
      Database database,
      OutboxStore outbox,
      DeliveryStore deliveries,
      TargetDirectory directory,
      Clock clock,
      int batchSize,
      Consumer<Set<TargetRef>> created) {
    this.database = requireNonNull(database, "database");
    this.outbox = requireNonNull(outbox, "outbox");
    this.deliveries = requireNonNull(deliveries, "deliveries");
    this.directory = requireNonNull(directory, "directory");
    this.clock = requireNonNull(clock, "clock");
    this.batchSize = batchSize;
    this.created = requireNonNull(created, "created");
  }

  /**
   * Routes up to {@code maxEvents} unrouted events, so claiming is never held up for long by a
   * large backlog of new events. They are read at once on a read connection; the write lock is held
   * only to create their deliveries and move the cursor, one transaction per {@code batchSize}
   * deliveries (events nobody subscribes to ride along, costing no transaction of their own).
   *
   * @return true if unrouted events may remain
   */
  boolean route(int maxEvents) {
    OutboxStore.Unrouted read = database.read(ctx -> outbox.unrouted(ctx, maxEvents));
    List<OutboxEvent> events = read.events();
    long after = read.after();
    int from = 0;
    while (from < events.size()) {
      List<NewDelivery> batch = new ArrayList<>();
      Set<TargetRef> targets = new HashSet<>();
      int to = from;
      while (to < events.size() && batch.size() < batchSize) {
        OutboxEvent event = events.get(to++);
        for (TargetRef target : directory.subscribers(event)) {
          batch.add(new NewDelivery(event.id(), event.eventId(), target));
          targets.add(target);
        }
      }
      OutboxStore.Unrouted chunk = new OutboxStore.Unrouted(after, events.subList(from, to));
      boolean routed =
          database.write(
              tx -> {
                if (!outbox.markRouted(tx, chunk)) {
                  return false;
                }
                deliveries.create(tx, batch, clock.instant());
                return true;
              });
      if (!routed) {
        return true; // another router took them first: read again
      }
      created.accept(targets);
      after = events.get(to - 1).id();
      from = to;
    }
    return events.size() == maxEvents;
  }
}
