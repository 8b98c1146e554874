package dev.herald.core.route;

import static java.util.Objects.requireNonNull;

import dev.herald.core.dispatch.DeliveryAttempt;
import dev.herald.core.dispatch.DeliveryResult;
import dev.herald.core.dispatch.Dispatcher;
import dev.herald.core.dispatch.TargetRef;
import dev.herald.core.outbox.OutboxStore;
import dev.herald.core.retry.RetryPolicy;
import dev.herald.core.store.Database;
import dev.herald.proto.event.v1.EventEnvelope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router worker: expands new events into deliveries, claims due deliveries in batches under a
 * lease, hands each to its target's dispatcher with bounded concurrency per target, and has the
 * outcomes recorded. It wakes when told to and polls in between.
 */
public final class Router implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Router.class);

  private final Database database;
  private final OutboxStore outbox;
  private final DeliveryStore deliveries;
  private final TargetDirectory directory;
  private final Map<String, Dispatcher> dispatchers;
  private final RouterSettings settings;
  private final Clock clock;
  private final String owner = "router-" + UUID.randomUUID();
  private final Fanout fanout;
  private final OutcomeDecider decider;
  private final OutcomeRecorder recorder;
  private final TargetLanes lanes = new TargetLanes();
  private final Set<Long> running = ConcurrentHashMap.newKeySet();
  private final WakeSignal wakeSignal = new WakeSignal();
  private final Thread thread;
  private volatile boolean stopping;

  /** Creates a router; call {@link #start()} to begin. */
  public Router(
      Database database,
      OutboxStore outbox,
      DeliveryStore deliveries,
      TargetDirectory directory,
      List<Dispatcher> dispatchers,
      RetryPolicy retryPolicy,
      RouterSettings settings,
      Clock clock,
      RandomGenerator random) {
    this.database = requireNonNull(database, "database");
    this.outbox = requireNonNull(outbox, "outbox");
    this.deliveries = requireNonNull(deliveries, "deliveries");
    this.directory = requireNonNull(directory, "directory");
    this.settings = requireNonNull(settings, "settings");
    this.clock = requireNonNull(clock, "clock");
    this.dispatchers = byKind(dispatchers);
    this.fanout = new Fanout(database, outbox, deliveries, directory, clock, settings.batchSize());
    this.decider = new OutcomeDecider(retryPolicy, clock, random);
    this.recorder =
        new OutcomeRecorder(
            database, deliveries, directory, owner, settings.batchSize(), this::wake);
    this.thread = Thread.ofPlatform().name("herald-router").unstarted(this::loop);
  }

  private static Map<String, Dispatcher> byKind(List<Dispatcher> dispatchers) {
    Map<String, Dispatcher> byKind = new ConcurrentHashMap<>();
    for (Dispatcher dispatcher : dispatchers) {
      if (byKind.putIfAbsent(dispatcher.kind(), dispatcher) != null) {
        throw new IllegalArgumentException(
            "dispatchers: two for kind '" + dispatcher.kind() + "' (expected: one per kind)");
      }
    }
    return Map.copyOf(byKind);
  }

  /** Starts the router and its outcome recorder. */
  public void start() {
    recorder.start();
    thread.start();
  }

  /** Asks the router to look for work now (new events committed, a target resumed, ...). */
  public void wake() {
    wakeSignal.wake();
  }

  private void loop() {
    while (!stopping) {
      try {
        fanout.routeAll();
        claimAndDispatch();
        wakeSignal.await(untilNextLook());
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        log.error("Router pass failed; trying again after the poll interval", e);
        try {
          wakeSignal.await(settings.pollInterval());
        } catch (InterruptedException interrupted) {
          return;
        }
      }
    }
  }

  private void claimAndDispatch() {
    while (!stopping) {
      int room = Math.min(settings.batchSize(), settings.maxInFlight() - lanes.total());
      if (room <= 0) {
        return;
      }
      List<String> excluded = excludedTargets();
      record Claim(List<ClaimedDelivery> kept, int claimed, Map<Long, EventEnvelope> envelopes) {}
      Claim claim =
          database.write(
              tx -> {
                Instant now = clock.instant();
                List<ClaimedDelivery> claimed =
                    deliveries.claim(tx, owner, now, settings.lease(), room, excluded);
                List<ClaimedDelivery> kept = new ArrayList<>(claimed.size());
                List<Long> overflow = new ArrayList<>();
                keepWhatLanesCanTake(claimed, kept, overflow);
                deliveries.release(tx, owner, overflow, now);
                List<Long> outboxIds = kept.stream().map(ClaimedDelivery::outboxId).toList();
                return new Claim(kept, claimed.size(), outbox.envelopes(tx, outboxIds));
              });
      for (ClaimedDelivery delivery : claim.kept()) {
        running.add(delivery.id());
        lanes.submit(
            delivery.target(),
            directory.maxInFlight(delivery.target()),
            delivery.id(),
            () ->
                attempt(
                    delivery, delivery.envelopeFor(claim.envelopes().get(delivery.outboxId()))));
      }
      if (claim.claimed() < room) {
        return;
      }
    }
  }

  /**
   * Keeps at most two rounds of attempts per target in memory (running plus waiting); the rest goes
   * straight back, so nothing waits in a lane long enough for its lease to run out.
   */
  private void keepWhatLanesCanTake(
      List<ClaimedDelivery> claimed, List<ClaimedDelivery> kept, List<Long> overflow) {
    Map<TargetRef, Integer> load = new HashMap<>();
    for (ClaimedDelivery delivery : claimed) {
      TargetRef target = delivery.target();
      int now = load.computeIfAbsent(target, lanes::load);
      if (now < 2 * directory.maxInFlight(target)) {
        kept.add(delivery);
        load.put(target, now + 1);
      } else {
        overflow.add(delivery.id());
      }
    }
  }

  private List<String> excludedTargets() {
    Set<String> excluded = new HashSet<>(lanes.saturated());
    directory.held().forEach(target -> excluded.add(target.key()));
    return new ArrayList<>(excluded);
  }

  private void attempt(ClaimedDelivery delivery, EventEnvelope envelope) {
    Instant startedAt = clock.instant();
    long startNanos = System.nanoTime();
    CompletableFuture<DeliveryResult> result;
    Dispatcher dispatcher = dispatchers.get(delivery.target().kind());
    if (envelope == null) {
      result = completed(DeliveryResult.rejected("event_missing", "the outbox row is gone"));
    } else if (dispatcher == null) {
      result =
          completed(
              DeliveryResult.rejected(
                  "no_dispatcher", "no dispatcher for target kind " + delivery.target().kind()));
    } else {
      try {
        result =
            dispatcher.dispatch(
                new DeliveryAttempt(
                    delivery.id(), delivery.attempt(), delivery.target(), envelope));
      } catch (RuntimeException e) {
        result = completed(DeliveryResult.retryAfterError("dispatcher", e));
      }
    }
    result.whenComplete(
        (outcome, error) -> {
          long latencyMicros = (System.nanoTime() - startNanos) / 1_000;
          DeliveryResult finished =
              error != null ? DeliveryResult.retryAfterError("dispatcher", error) : outcome;
          if (running.remove(delivery.id())) {
            recorder.add(decider.decide(delivery, finished, startedAt, latencyMicros));
          }
          lanes.done(delivery.target());
        });
  }

  private static CompletableFuture<DeliveryResult> completed(DeliveryResult result) {
    return CompletableFuture.completedFuture(result);
  }

  private Duration untilNextLook() {
    if (settings.maxInFlight() - lanes.total() <= 0) {
      return settings.pollInterval();
    }
    Optional<Instant> next = database.read(ctx -> deliveries.nextDue(ctx, excludedTargets()));
    Duration poll = settings.pollInterval();
    return next.map(due -> Duration.between(clock.instant(), due))
        .filter(wait -> wait.compareTo(poll) < 0)
        .map(wait -> wait.isNegative() ? Duration.ZERO : wait)
        .orElse(poll);
  }

  /** Returns whether the router's loop is running (started and not closed). */
  public boolean running() {
    return thread.isAlive() && !stopping;
  }

  /** Returns attempts under way or waiting for their target's turn. */
  public int inFlight() {
    return lanes.total();
  }

  /**
   * Stops claiming, gives waiting deliveries back, waits up to the shutdown grace for attempts
   * under way, records their outcomes, and gives back whatever is still unfinished.
   */
  @Override
  public void close() {
    stopping = true;
    thread.interrupt();
    join(thread);
    release(lanes.drainWaiting());
    try {
      lanes.awaitIdle(System.nanoTime() + settings.shutdownGrace().toNanos());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<Long> unfinished = new ArrayList<>();
    for (Long id : Set.copyOf(running)) {
      if (running.remove(id)) {
        unfinished.add(id);
      }
    }
    recorder.close();
    release(unfinished);
  }

  private void release(List<Long> deliveryIds) {
    if (deliveryIds.isEmpty()) {
      return;
    }
    running.removeAll(deliveryIds);
    try {
      database.write(
          tx -> {
            deliveries.release(tx, owner, deliveryIds, clock.instant());
            return null;
          });
      log.info("Released {} claimed deliveries for the next start", deliveryIds.size());
    } catch (RuntimeException e) {
      log.warn("Releasing {} deliveries failed; their lease will expire", deliveryIds.size(), e);
    }
  }

  private static void join(Thread thread) {
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
