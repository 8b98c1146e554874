package dev.herald.core.route;

import static java.util.Objects.requireNonNull;

import dev.herald.core.dispatch.DeliveryOutcome;
import dev.herald.core.dispatch.DeliveryResult;
import dev.herald.core.dispatch.Dispatcher;
import dev.herald.core.dispatch.TargetRef;
import dev.herald.core.limit.KeyedRateLimiter;
import dev.herald.core.logging.LogKeys;
import dev.herald.core.outbox.OutboxStore;
import dev.herald.core.retry.RetryPolicy;
import dev.herald.core.store.Database;
import dev.herald.proto.event.v1.EventEnvelope;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
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

  // Batches of new events expanded per pass before claiming again: a large backlog of new events
  // never keeps due deliveries waiting for long.
  private static final int FANOUT_BATCHES_PER_PASS = 10;

  private final Database database;
  private final DeliveryStore deliveries;
  private final TargetDirectory directory;
  private final DispatchersByKind dispatchers;
  private final RouterSettings settings;
  private final Clock clock;
  private final String owner = "router-" + UUID.randomUUID();
  private final Fanout fanout;
  private final OutcomeDecider decider;
  private final OutcomeRecorder recorder;
  private final ExecutorService attempts = Executors.newVirtualThreadPerTaskExecutor();
  private final TargetLanes lanes = new TargetLanes(attempts);
  private final QuietTargets quiet = new QuietTargets();
  private final CircuitBreakers breakers;
  private final KeyedRateLimiter<TargetRef> rateLimits;
  private final Claimer claimer;
  private final Set<Long> running = ConcurrentHashMap.newKeySet();
  private final HeldLeases leases;
  private final FailedAttemptLog failures;
  // Attempts whose outcome is not yet recorded; runOnce waits until none is left.
  private final UnsettledAttempts unsettled = new UnsettledAttempts();
  private final AtomicBoolean recorderStarted = new AtomicBoolean();
  private final WakeSignal wakeSignal = new WakeSignal();
  // Set when events may be waiting to be expanded: fan-out runs only then, not on every wake-up.
  private final AtomicBoolean eventsAppended = new AtomicBoolean(true);
  private final Thread thread;
  private volatile boolean stopping;
  // Deliveries claimed at creation since runOnce began; touched only by the thread that routes.
  private int claimedAtCreation;

  /**
   * Creates a router that counts and times its attempts in {@code meters}; call {@link #start()} to
   * begin.
   */
  public Router(
      Database database,
      OutboxStore outbox,
      DeliveryStore deliveries,
      TargetDirectory directory,
      List<Dispatcher> dispatchers,
      RetryPolicy retryPolicy,
      RouterSettings settings,
      Clock clock,
      RandomGenerator random,
      MeterRegistry meters) {
    this.database = requireNonNull(database, "database");
    requireNonNull(outbox, "outbox");
    this.deliveries = requireNonNull(deliveries, "deliveries");
    this.directory = requireNonNull(directory, "directory");
    this.settings = requireNonNull(settings, "settings");
    this.clock = requireNonNull(clock, "clock");
    this.dispatchers = new DispatchersByKind(dispatchers);
    this.decider = new OutcomeDecider(retryPolicy, clock, random);
    this.recorder =
        new OutcomeRecorder(
            database,
            deliveries,
            directory,
            new FailureStreaks(new JooqTargetHealthStore(), settings.autoDisableAfter(), clock),
            owner,
            settings.batchSize(),
            new AttemptMeters(meters, this::breaker),
            this::recorded);
    this.breakers = new CircuitBreakers(settings.breaker());
    this.rateLimits = new KeyedRateLimiter<>(directory::rateLimit, clock);
    this.failures = new FailedAttemptLog(clock);
    this.leases =
        new HeldLeases(database, deliveries, owner, settings.lease(), settings.batchSize(), clock);
    this.claimer =
        new Claimer(
            database,
            deliveries,
            outbox,
            directory,
            lanes,
            settings,
            clock,
            owner,
            quiet,
            breakers,
            rateLimits);
    this.fanout =
        new Fanout(
            database,
            outbox,
            directory,
            clock,
            settings.batchSize(),
            quiet::stirred,
            claimer,
            this::dispatchFresh);
    this.thread = Thread.ofPlatform().name("herald-router").unstarted(this::loop);
  }

  /** Starts the router and its outcome recorder. */
  public void start() {
    if (recorderStarted.compareAndSet(false, true)) {
      recorder.start();
    }
    thread.start();
  }

  /**
   * Asks the router to look for due deliveries of every target now: a target resumed, an operator
   * made deliveries due, ...
   */
  public void wake() {
    quiet.stirredAll();
    wakeSignal.wake();
  }

  private void recorded(List<AttemptRecord> attempts) {
    Set<TargetRef> targets = new HashSet<>();
    attempts.forEach(attempt -> targets.add(attempt.delivery().target()));
    quiet.stirred(targets); // retries may be due soon
    wakeSignal.wake(); // and lanes have room
    unsettled.settled(attempts.size());
  }

  /**
   * Runs one pass on the caller's thread, for tests and tools that drive the router by hand under a
   * settable clock (a router that was {@link #start() started} runs its own passes): expands every
   * new event, claims what is due at the clock's time, attempts it, and returns once each attempt
   * it started has its outcome recorded.
   *
   * @return how many deliveries the pass attempted
   * @throws TimeoutException when the attempts take longer than {@code timeout}
   */
  public int runOnce(Duration timeout) throws InterruptedException, TimeoutException {
    if (recorderStarted.compareAndSet(false, true)) {
      recorder.start();
    }
    claimedAtCreation = 0;
    while (fanout.route(FANOUT_BATCHES_PER_PASS * settings.batchSize())) {
      // Route the whole backlog: a pass by hand sees every event appended before it.
    }
    Claimer.Claim claim = claimer.claim();
    dispatch(claim);
    unsettled.awaitNone(timeout);
    return claimedAtCreation + claim.deliveries().size();
  }

  /** Tells the router that new events were committed to the outbox: expand and deliver them. */
  public void eventsAppended() {
    eventsAppended.set(true);
    wakeSignal.wake();
  }

  private void loop() {
    while (!stopping) {
      try {
        boolean moreToRoute =
            eventsAppended.getAndSet(false)
                && fanout.route(FANOUT_BATCHES_PER_PASS * settings.batchSize());
        if (moreToRoute) {
          eventsAppended.set(true);
        }
        Duration untilNextLook = dispatch(claimer.claim());
        leases.renewIfDue(running);
        if (untilNextLook.compareTo(leases.renewalInterval()) > 0) {
          untilNextLook = leases.renewalInterval();
        }
        if (!moreToRoute && !wakeSignal.await(untilNextLook)) {
          // Nobody woke us: another process may have appended to the same database.
          eventsAppended.set(true);
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        log.error("Router pass failed; trying again after the poll interval", e);
        eventsAppended.set(true); // the failed pass may have been expanding them
        try {
          wakeSignal.await(settings.pollInterval());
        } catch (InterruptedException interrupted) {
          return;
        }
      }
    }
  }

  /** Hands over what the fan-out claimed as it created the deliveries. */
  private void dispatchFresh(Claimer.Claim claim) {
    claimedAtCreation += claim.deliveries().size();
    dispatch(claim);
  }

  private Duration dispatch(Claimer.Claim claim) {
    for (ClaimedDelivery delivery : claim.deliveries()) {
      if (!running.add(delivery.id())) {
        // Its lease ran out while it waited in its lane, and this worker claimed it again: the
        // waiting attempt renews the lease when it starts, so the second claim is dropped.
        continue;
      }
      unsettled.started();
      lanes.submit(
          delivery.target(),
          directory.maxInFlight(delivery.target()),
          delivery.id(),
          () ->
              attempt(
                  delivery,
                  delivery.envelopeFor(claim.envelopes().get(delivery.outboxId())),
                  claim.claimedAt()));
    }
    return claim.untilNextLook();
  }

  private void attempt(ClaimedDelivery delivery, EventEnvelope envelope, Instant claimedAt) {
    if (!leases.stillHeld(delivery.id(), claimedAt)) {
      log.atWarn()
          .addKeyValue(LogKeys.DELIVERY_ID, delivery.id())
          .addKeyValue(LogKeys.EVENT_ID, delivery.eventId())
          .addKeyValue(LogKeys.TARGET, delivery.target().toString())
          .log("Delivery {} lost its lease while waiting; another attempt takes it", delivery.id());
      running.remove(delivery.id());
      leftUnattempted(delivery);
      return;
    }
    if (!breakers.admits(delivery.target(), delivery.id())) {
      // Its breaker opened after it was claimed: back to the database, no attempt used.
      deferForOpenBreaker(delivery.target(), List.of(delivery.id()));
      leftUnattempted(delivery);
      return;
    }
    Instant startedAt = clock.instant();
    long startNanos = System.nanoTime();
    dispatchers
        .send(delivery, envelope)
        .whenComplete(
            (outcome, error) -> {
              long latencyMicros = (System.nanoTime() - startNanos) / 1_000;
              DeliveryResult finished =
                  error != null ? DeliveryResult.retryAfterError("dispatcher", error) : outcome;
              updateBreaker(delivery, finished);
              if (running.remove(delivery.id())) {
                AttemptRecord decided =
                    decider.decide(delivery, finished, startedAt, latencyMicros);
                failures.attempted(decided, envelope);
                recorder.add(decided);
              } else {
                unsettled.settled(1); // released at shutdown meanwhile: nothing to record
              }
              if (lanes.done(delivery.target())) {
                wakeSignal.wake();
              }
            });
  }

  /** Settles a delivery that left its lane without an attempt, freeing its place and permit. */
  private void leftUnattempted(ClaimedDelivery delivery) {
    breakers.released(delivery.target(), delivery.id());
    rateLimits.giveBack(delivery.target(), 1);
    unsettled.settled(1);
    if (lanes.done(delivery.target())) {
      wakeSignal.wake();
    }
  }

  /**
   * Feeds the attempt's outcome to its target's breaker; when that opens it, gives the target's
   * deliveries waiting in its lane back unattempted, so they wait in the database instead.
   */
  private void updateBreaker(ClaimedDelivery delivery, DeliveryResult result) {
    TargetRef target = delivery.target();
    if (!(result.outcome() instanceof DeliveryOutcome.Retry)) {
      breakers.answered(target, delivery.id());
      return;
    }
    if (!breakers.failed(target, delivery.id(), clock.instant())) {
      return;
    }
    List<Long> waiting = lanes.drainWaiting(target);
    rateLimits.giveBack(target, waiting.size());
    log.atWarn()
        .addKeyValue(LogKeys.TARGET, target.toString())
        .log(
            "Circuit breaker of {} opened after {} consecutive failures; {} waiting deliveries given"
                + " back, one probe in {}",
            target,
            settings.breaker().failureThreshold(),
            waiting.size(),
            settings.breaker().openFor());
    if (!waiting.isEmpty()) {
      // Off the dispatcher's callback thread: releasing writes to the database.
      try {
        attempts.execute(
            () -> {
              deferForOpenBreaker(target, waiting);
              unsettled.settled(waiting.size());
            });
      } catch (RejectedExecutionException closing) {
        unsettled.settled(waiting.size()); // close() gives back whatever is still held
      }
    }
  }

  /** Gives deliveries back unattempted, logged with error class {@code breaker_open}. */
  private void deferForOpenBreaker(TargetRef target, List<Long> deliveryIds) {
    running.removeAll(deliveryIds);
    BreakerStatus breaker = breakers.status(target, clock.instant());
    leases.defer(
        deliveryIds,
        "breaker_open",
        "not attempted: the circuit breaker of "
            + target
            + " is "
            + breaker.state().name().toLowerCase(Locale.ROOT)
            + breaker.openUntil().map(until -> " until " + until).orElse(""));
  }

  /** Returns the target's circuit breaker on this node. */
  public BreakerStatus breaker(TargetRef target) {
    return breakers.status(target, clock.instant());
  }

  /**
   * Returns the per-target rate limits this router claims under, for sends outside the router (test
   * deliveries) that must count against the same limit.
   */
  public KeyedRateLimiter<TargetRef> rateLimits() {
    return rateLimits;
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
    // Woken, not interrupted: an interrupt could land between a claim's commit and the hand-off of
    // what it claimed, leaving those deliveries to wait out their lease after a restart.
    wakeSignal.wake();
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
    attempts.shutdown();
    recorder.close();
    release(unfinished);
  }

  private void release(List<Long> deliveryIds) {
    running.removeAll(deliveryIds);
    leases.release(deliveryIds);
  }

  private static void join(Thread thread) {
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
