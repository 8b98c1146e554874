package dev.herald.core.route;

import static java.util.Objects.requireNonNull;

import dev.herald.core.dispatch.TargetRef;
import dev.herald.core.outbox.OutboxEvent;
import dev.herald.core.outbox.OutboxStore;
import dev.herald.core.route.DeliveryStore.KeyPlace;
import dev.herald.core.route.DeliveryStore.NewDelivery;
import dev.herald.core.store.Database;
import dev.herald.proto.event.v1.EventEnvelope;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Expands new outbox events into one delivery per subscribed target, in the same transaction that
 * marks them routed, so an event is expanded exactly once; then says which targets got work. Fresh
 * deliveries whose lanes have room are claimed as they are created (in flight under this worker's
 * lease, saving a claim statement and a transaction each) and handed over at once.
 */
final class Fanout {

  // Where several nodes route (PostgreSQL), each takes the new events no other holds. For ordered
  // keys that is not enough: a node holding a key's earlier event, not yet at the key's lock, and
  // another taking its later one would make the later event the key's head. Routers that create
  // ordered deliveries therefore take their events one router at a time, under this lock.
  private static final String ORDERED_ROUTING_LOCK = "herald.routing.ordered";

  private final Database database;
  private final OutboxStore outbox;
  private final TargetDirectory directory;
  private final Clock clock;
  private final int batchSize;
  private final Consumer<Set<TargetRef>> created;
  private final Claimer claimer;
  private final Consumer<Claimer.Claim> claimed;

  /**
   * Creates the fan-out; {@code created} hears which targets got work, {@code claimed} takes what
   * was claimed at creation, once committed.
   */
  Fanout(
      Database database,
      OutboxStore outbox,
      TargetDirectory directory,
      Clock clock,
      int batchSize,
      Consumer<Set<TargetRef>> created,
      Claimer claimer,
      Consumer<Claimer.Claim> claimed) {
    this.database = requireNonNull(database, "database");
    this.outbox = requireNonNull(outbox, "outbox");
    this.directory = requireNonNull(directory, "directory");
    this.clock = requireNonNull(clock, "clock");
    this.batchSize = batchSize;
    this.created = requireNonNull(created, "created");
    this.claimer = requireNonNull(claimer, "claimer");
    this.claimed = requireNonNull(claimed, "claimed");
  }

  /**
   * Routes up to {@code maxEvents} unrouted events, so claiming is never held up for long by a
   * large backlog of new events. They are read at once on a read connection; the write transaction
   * only marks them routed and creates their deliveries, one per {@code batchSize} deliveries
   * (events nobody subscribes to ride along, costing no transaction of their own).
   *
   * @return true if unrouted events may remain
   */
  boolean route(int maxEvents) {
    OutboxStore.Unrouted read = database.read(ctx -> outbox.unrouted(ctx, maxEvents));
    List<OutboxEvent> events = read.events();
    List<RoutedEvent> routed =
        database.read(ctx -> RoutedEvents.load(ctx, outbox, directory, events));
    long after = read.after();
    int from = 0;
    while (from < events.size()) {
      // Subscribers and keys are looked up before the write transaction: it holds SQLite's one
      // write lock.
      Map<OutboxEvent, List<NewDelivery>> subscribers = new HashMap<>();
      int deliveriesInBatch = 0;
      int to = from;
      while (to < events.size() && deliveriesInBatch < batchSize) {
        RoutedEvent event = routed.get(to++);
        List<NewDelivery> planned = deliveriesOf(event);
        subscribers.put(event.event(), planned);
        deliveriesInBatch += planned.size();
      }
      OutboxStore.Unrouted chunk = new OutboxStore.Unrouted(after, events.subList(from, to));
      Set<TargetRef> targets = new HashSet<>();
      Map<TargetRef, Integer> wanted = claimer.freshAllowance(unorderedTargets(subscribers));
      boolean ordered = hasOrdered(subscribers);
      List<ClaimedDelivery> fresh = new ArrayList<>();
      Instant[] createdAt = new Instant[1];
      int marked;
      try {
        marked =
            database.write(
                tx -> {
                  Instant now = clock.instant();
                  createdAt[0] = now;
                  targets.clear();
                  fresh.clear();
                  if (ordered) {
                    database.dialect().lock(tx, ORDERED_ROUTING_LOCK);
                  }
                  List<OutboxEvent> mine = outbox.markRouted(tx, chunk);
                  List<NewDelivery> batch = new ArrayList<>();
                  for (OutboxEvent event : mine) {
                    for (NewDelivery delivery : subscribers.get(event)) {
                      batch.add(delivery);
                      targets.add(delivery.target());
                    }
                  }
                  fresh.addAll(claimer.createClaimed(tx, batch, now, wanted));
                  return mine.size();
                });
      } catch (RuntimeException e) {
        claimer.claimedAtCreation(wanted, List.of(), Map.of(), clock.instant()); // nothing claimed
        throw e;
      }
      Claimer.Claim claim =
          claimer.claimedAtCreation(
              wanted, fresh, envelopes(routed.subList(from, to), fresh), createdAt[0]);
      if (marked == 0 && database.dialect().singleWriter()) {
        return true; // another router moved the cursor first: read again
      }
      created.accept(targets);
      claimed.accept(claim);
      after = events.get(to - 1).id();
      from = to;
    }
    // Events another node took are its to route. Were it to roll back, its router tries them again,
    // and this one sees them at its next poll; reading again at once would only spin until that
    // node commits.
    return events.size() == maxEvents;
  }

  /** Returns the targets of the deliveries that may be claimed at creation: unordered ones. */
  private static Set<TargetRef> unorderedTargets(Map<OutboxEvent, List<NewDelivery>> subscribers) {
    Set<TargetRef> targets = new HashSet<>();
    subscribers
        .values()
        .forEach(
            planned ->
                planned.forEach(
                    delivery -> {
                      if (delivery.place() == null) {
                        targets.add(delivery.target());
                      }
                    }));
    return targets;
  }

  private static boolean hasOrdered(Map<OutboxEvent, List<NewDelivery>> subscribers) {
    return subscribers.values().stream()
        .anyMatch(planned -> planned.stream().anyMatch(delivery -> delivery.place() != null));
  }

  /** Returns the envelopes routing read already (for patterns or keys) of what was claimed. */
  private static Map<Long, EventEnvelope> envelopes(
      List<RoutedEvent> routed, List<ClaimedDelivery> fresh) {
    if (fresh.isEmpty()) {
      return Map.of();
    }
    Map<Long, EventEnvelope> known = new HashMap<>();
    for (RoutedEvent event : routed) {
      if (event.envelope() != null) {
        known.put(event.event().id(), event.envelope());
      }
    }
    return known;
  }

  /** Returns the event's deliveries, each ordered target's with the event's key there. */
  private List<NewDelivery> deliveriesOf(RoutedEvent routed) {
    OutboxEvent event = routed.event();
    List<NewDelivery> planned = new ArrayList<>();
    for (TargetRef target : directory.subscribers(routed)) {
      KeyPlace place =
          directory.ordering(target).flatMap(ordering -> ordering.placeOf(routed)).orElse(null);
      planned.add(new NewDelivery(event.id(), event.eventId(), target, place));
    }
    return planned;
  }
}
