package dev.herald.core;

import static java.util.Objects.requireNonNull;

import dev.herald.core.bus.BroadcastBus;
import dev.herald.core.bus.BusMeters;
import dev.herald.core.bus.EventBus;
import dev.herald.core.dispatch.Dispatcher;
import dev.herald.core.outbox.OutboxStore;
import dev.herald.core.outbox.OutboxWriter;
import dev.herald.core.outbox.TransactionalOutbox;
import dev.herald.core.retry.RetryPolicy;
import dev.herald.core.route.Router;
import dev.herald.core.route.RouterSettings;
import dev.herald.core.route.TargetDirectory;
import dev.herald.core.store.Database;
import dev.herald.proto.event.v1.EventEnvelope;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * The pipeline, wired: bus → outbox writer → outbox ← transactional appends; router → dispatchers.
 * Embedders publish through {@link #bus()} or {@link #outbox()}; the host adds config and servers.
 */
public final class HeraldEngine implements AutoCloseable {

  private final OutboxWriter outboxWriter;
  private final BroadcastBus bus;
  private final TransactionalOutbox outbox;
  private final Router router;
  private final BusMeters busMeters;

  private HeraldEngine(Builder builder) {
    OutboxStore store = builder.stores.outbox();
    this.router =
        new Router(
            builder.database,
            store,
            builder.stores.deliveries(),
            builder.targets,
            builder.dispatchers,
            builder.retryPolicy,
            builder.routerSettings,
            builder.clock,
            builder.random,
            builder.meters);
    this.outboxWriter =
        new OutboxWriter(
            builder.database,
            store,
            builder.validator,
            builder.clock,
            builder.busCapacity,
            builder.routerSettings.batchSize(),
            this::committed);
    this.bus = new BroadcastBus(outboxWriter);
    this.busMeters = new BusMeters(builder.meters, bus, outboxWriter);
    this.outbox =
        new TransactionalOutbox(
            builder.database, store, builder.validator, builder.clock, router::eventsAppended);
  }

  private void committed(List<EventEnvelope> events) {
    busMeters.committed(events.size());
    bus.committed(events);
    router.eventsAppended();
  }

  /** Returns a builder for an engine on the given database, written through its stores. */
  public static Builder builder(Database database, Stores stores) {
    return new Builder(database, stores);
  }

  /** Starts the outbox writer and the router. */
  public HeraldEngine start() {
    outboxWriter.start();
    router.start();
    return this;
  }

  /** Returns the broadcast bus. */
  public EventBus bus() {
    return bus;
  }

  /** Returns the transactional outbox, for appends inside the caller's transaction. */
  public TransactionalOutbox outbox() {
    return outbox;
  }

  /** Returns the router. */
  public Router router() {
    return router;
  }

  /**
   * Shuts down gracefully: the bus stops accepting and flushes what it holds to the outbox, then
   * the router stops claiming and finishes or releases its in-flight work.
   */
  @Override
  public void close() {
    bus.close();
    outboxWriter.close();
    router.close();
  }

  /** Collects what the engine is made of; every setting has a default but the database. */
  public static final class Builder {
    private final Database database;
    private final Stores stores;
    private Clock clock = Clock.systemUTC();
    private RandomGenerator random = RandomGenerator.getDefault();
    private RetryPolicy retryPolicy = RetryPolicy.ofDefaults();
    private RouterSettings routerSettings = RouterSettings.ofDefaults();
    private int busCapacity = 8192;
    private MeterRegistry meters = new CompositeMeterRegistry();
    private Consumer<EventEnvelope> validator;
    private TargetDirectory targets;
    private final List<Dispatcher> dispatchers = new ArrayList<>();

    private Builder(Database database, Stores stores) {
      this.database = requireNonNull(database, "database");
      this.stores = requireNonNull(stores, "stores");
    }

    /** Sets the clock every timestamp and schedule comes from. */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /** Sets the randomness behind retry jitter. */
    public Builder random(RandomGenerator random) {
      this.random = requireNonNull(random, "random");
      return this;
    }

    /** Sets when failed deliveries are tried again. */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = requireNonNull(retryPolicy, "retryPolicy");
      return this;
    }

    /** Sets how the router polls, leases and batches. */
    public Builder routerSettings(RouterSettings routerSettings) {
      this.routerSettings = requireNonNull(routerSettings, "routerSettings");
      return this;
    }

    /** Sets how many published events may wait for the outbox writer. */
    public Builder busCapacity(int busCapacity) {
      if (busCapacity < 1) {
        throw new IllegalArgumentException("busCapacity: " + busCapacity + " (expected: >= 1)");
      }
      this.busCapacity = busCapacity;
      return this;
    }

    /** Sets where the engine's meters are registered; by default they go nowhere. */
    public Builder meters(MeterRegistry meters) {
      this.meters = requireNonNull(meters, "meters");
      return this;
    }

    /** Sets the envelope check run on every publish and append. */
    public Builder validator(Consumer<EventEnvelope> validator) {
      this.validator = requireNonNull(validator, "validator");
      return this;
    }

    /** Sets who subscribes to what. */
    public Builder targets(TargetDirectory targets) {
      this.targets = requireNonNull(targets, "targets");
      return this;
    }

    /** Adds the dispatcher of one target kind. */
    public Builder dispatcher(Dispatcher dispatcher) {
      dispatchers.add(requireNonNull(dispatcher, "dispatcher"));
      return this;
    }

    /** Builds the engine; call {@link HeraldEngine#start()} to run it. */
    public HeraldEngine build() {
      requireNonNull(validator, "validator");
      requireNonNull(targets, "targets");
      return new HeraldEngine(this);
    }
  }
}
