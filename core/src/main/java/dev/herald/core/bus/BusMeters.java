package dev.herald.core.bus;

import static java.util.Objects.requireNonNull;

import dev.herald.core.outbox.OutboxWriter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The bus and its outbox writer as meters: events accepted (committed to the outbox), refused
 * (queue full, malformed), the queue's depth, in-process subscribers' drops and the writer's batch
 * sizes. Read from the counters the bus and the writer keep anyway; only batch sizes are recorded,
 * once per commit.
 */
public final class BusMeters {

  private final DistributionSummary batchSize;

  /** Registers the meters of {@code bus} and {@code writer}. */
  public BusMeters(MeterRegistry registry, BroadcastBus bus, OutboxWriter writer) {
    requireNonNull(registry, "registry");
    requireNonNull(bus, "bus");
    requireNonNull(writer, "writer");
    FunctionCounter.builder("herald.events.accepted", writer, OutboxWriter::written)
        .description("Events published on the bus and committed to the outbox")
        .tag("path", "bus")
        .register(registry);
    FunctionCounter.builder("herald.events.refused", bus, BroadcastBus::rejected)
        .description("Events refused, by path and reason")
        .tags("path", "bus", "reason", "bus_full")
        .register(registry);
    FunctionCounter.builder("herald.events.refused", writer, OutboxWriter::refused)
        .description("Events refused, by path and reason")
        .tags("path", "bus", "reason", "invalid")
        .register(registry);
    Gauge.builder("herald.bus.queue.depth", writer, OutboxWriter::backlog)
        .description("Published events waiting for the outbox writer")
        .register(registry);
    FunctionCounter.builder("herald.bus.subscriber.dropped", bus, BusMeters::dropped)
        .description("Committed events in-process subscribers dropped because their queue was full")
        .register(registry);
    this.batchSize =
        DistributionSummary.builder("herald.outbox.writer.batch.size")
            .description("Events committed per outbox writer transaction")
            .baseUnit("events")
            .register(registry);
  }

  private static double dropped(BroadcastBus bus) {
    return bus.subscriptions().stream().mapToLong(BusSubscription::dropped).sum();
  }

  /** Records one outbox writer commit of {@code events} events. */
  public void committed(int events) {
    batchSize.record(events);
  }
}
