package dev.herald.core.admin;

import static dev.herald.core.store.jooq.Tables.EVENT_OUTBOX;
import static java.util.Objects.requireNonNull;

import dev.herald.core.dispatch.TargetRef;
import dev.herald.core.outbox.OutboxEvent;
import dev.herald.core.outbox.OutboxStore;
import dev.herald.core.route.DeliveryStatus;
import dev.herald.core.route.DeliveryStore;
import dev.herald.core.route.DeliveryStore.ReplayedDelivery;
import dev.herald.core.route.RoutedEvent;
import dev.herald.core.route.RoutedEvents;
import dev.herald.core.route.TargetDirectory;
import dev.herald.core.store.Database;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Delivers stored events again, with purpose REPLAY, to their current subscribers. A delivery that
 * exists for an (event, target) is re-armed (it keeps its row and attempt log, as the table holds
 * one row per pair); a pair without one gets a new row. Pending deliveries held while a target was
 * paused are included. The rate cap spreads the due times, so it holds across restarts and the
 * router needs no pacing of its own.
 */
public final class EventReplay {

  private static final int CHUNK = 500;

  private final Database database;
  private final OutboxStore outbox;
  private final DeliveryStore deliveries;
  private final TargetDirectory directory;
  private final Clock clock;
  private final Runnable changed;
  private final ReplayRuns runs;

  /**
   * Creates the replayer.
   *
   * @param directory who subscribes to what now
   * @param changed called after deliveries became due, e.g. to wake the router
   */
  public EventReplay(
      Database database,
      OutboxStore outbox,
      DeliveryStore deliveries,
      TargetDirectory directory,
      Clock clock,
      Runnable changed) {
    this.database = requireNonNull(database, "database");
    this.outbox = requireNonNull(outbox, "outbox");
    this.deliveries = requireNonNull(deliveries, "deliveries");
    this.directory = requireNonNull(directory, "directory");
    this.clock = requireNonNull(clock, "clock");
    this.changed = requireNonNull(changed, "changed");
    this.runs = new ReplayRuns(database);
  }

  /**
   * Replays what the request selects, or with {@code dryRun} only counts it; records no run, and
   * takes the deliveries it arms away from any earlier run.
   */
  public ReplayResult replay(ReplayRequest request) {
    return replay(request, Optional.empty());
  }

  /**
   * Replays like {@link #replay(ReplayRequest)} and, unless it is a dry run, records the run in the
   * same transaction and marks the deliveries it arms with the run's id (see {@link ReplayRuns}).
   *
   * @param tokenName the name of the API token that asked
   */
  public ReplayResult run(ReplayRequest request, String tokenName) {
    return replay(request, Optional.of(requireNonNull(tokenName, "tokenName")));
  }

  private ReplayResult replay(ReplayRequest request, Optional<String> recordedFor) {
    ReplayResult result = database.write(tx -> replay(tx, request, recordedFor));
    if (!request.dryRun() && result.reArmed() + result.created() > 0) {
      changed.run();
    }
    return result;
  }

  private ReplayResult replay(DSLContext tx, ReplayRequest request, Optional<String> recordedFor) {
    List<OutboxEvent> events = events(tx, request);
    Optional<String> nextEventId = Optional.empty();
    if (events.size() > request.maxEvents()) {
      nextEventId = Optional.of(events.get(request.maxEvents()).eventId());
      events = events.subList(0, request.maxEvents());
    }
    Instant now = clock.instant();
    long reArmed = 0;
    long created = 0;
    long skipped = 0;
    long index = 0;
    Instant lastDue = null;
    List<ReplayedDelivery> writes = new ArrayList<>();
    for (int from = 0; from < events.size(); from += CHUNK) {
      List<OutboxEvent> chunk = events.subList(from, Math.min(events.size(), from + CHUNK));
      Map<String, Map<TargetRef, DeliveryStatus>> existing =
          deliveries.statuses(tx, chunk.stream().map(OutboxEvent::eventId).toList());
      for (RoutedEvent routed : RoutedEvents.load(tx, outbox, directory, chunk)) {
        OutboxEvent event = routed.event();
        Map<TargetRef, DeliveryStatus> byTarget = existing.getOrDefault(event.eventId(), Map.of());
        for (TargetRef target : targets(routed, request)) {
          DeliveryStatus status = byTarget.get(target);
          if (status == DeliveryStatus.IN_FLIGHT) {
            skipped++;
            continue;
          }
          Instant due = now.plusMillis(index * 1000 / request.ratePerSecond());
          index++;
          lastDue = due;
          if (status == null) {
            created++;
          } else {
            reArmed++;
          }
          writes.add(
              new ReplayedDelivery(
                  event.id(),
                  event.eventId(),
                  target,
                  due,
                  directory
                      .ordering(target)
                      .flatMap(ordering -> ordering.placeOf(routed))
                      .orElse(null)));
        }
      }
    }
    ReplayResult result =
        new ReplayResult(
            events.size(), reArmed, created, skipped, Optional.ofNullable(lastDue), nextEventId, 0);
    if (request.dryRun()) {
      return result;
    }
    OptionalLong run = OptionalLong.empty();
    if (recordedFor.isPresent()) {
      // Recorded before the deliveries are written, so they can carry the run's id.
      result = result.asRun(runs.record(tx, now, recordedFor.get(), request, result));
      run = OptionalLong.of(result.runId());
    }
    deliveries.replay(tx, writes, now, run);
    return result;
  }

  private List<OutboxEvent> events(DSLContext tx, ReplayRequest request) {
    Condition condition = EVENT_OUTBOX.OCCURRED_AT.lt(request.toTime().toEpochMilli());
    if (request.fromTime().isPresent()) {
      condition =
          condition.and(EVENT_OUTBOX.OCCURRED_AT.ge(request.fromTime().get().toEpochMilli()));
    } else {
      String eventId = request.fromEventId().orElseThrow();
      Long first =
          tx.select(EVENT_OUTBOX.ID)
              .from(EVENT_OUTBOX)
              .where(EVENT_OUTBOX.EVENT_ID.eq(eventId))
              .fetchOne(EVENT_OUTBOX.ID);
      if (first == null) {
        throw AdminException.notFound("event '" + eventId + "'");
      }
      condition = condition.and(EVENT_OUTBOX.ID.ge(first));
    }
    if (!request.eventTypes().isEmpty()) {
      condition =
          condition.and(
              DSL.or(
                  request.eventTypes().stream().map(DeliveryQueries::eventTypeCondition).toList()));
    }
    if (request.realms().only().isPresent()) {
      condition = condition.and(EVENT_OUTBOX.REALM_ID.in(request.realms().only().get()));
    }
    return outbox.routed(tx, condition, request.maxEvents() + 1);
  }

  private List<TargetRef> targets(RoutedEvent event, ReplayRequest request) {
    List<TargetRef> subscribers = directory.subscribers(event);
    return request
        .target()
        .map(t -> subscribers.contains(t) ? List.of(t) : List.<TargetRef>of())
        .orElse(subscribers);
  }
}
