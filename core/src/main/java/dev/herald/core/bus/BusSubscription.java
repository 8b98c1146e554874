package dev.herald.core.bus;

import static java.util.Objects.requireNonNull;

import dev.herald.core.worker.BatchWorker;
import dev.herald.proto.event.v1.EventEnvelope;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One in-process subscriber: a bounded queue drained by its own thread. Overflow policy: drop the
 * newest event for this subscriber and count it, so a slow subscriber stalls nobody.
 */
public final class BusSubscription implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(BusSubscription.class);

  private final String name;
  private final EventListener listener;
  private final BatchWorker<EventEnvelope> worker;
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  BusSubscription(String name, int capacity, EventListener listener) {
    this.name = requireNonNull(name, "name");
    this.listener = requireNonNull(listener, "listener");
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity: " + capacity + " (expected: >= 1)");
    }
    this.worker =
        new BatchWorker<>(
            "herald-bus-" + name, new ArrayBlockingQueue<>(capacity), capacity, this::handle);
    worker.start();
  }

  void offer(EventEnvelope event) {
    if (!worker.offer(event)) {
      dropped.incrementAndGet();
    }
  }

  private void handle(List<EventEnvelope> events) {
    for (EventEnvelope event : events) {
      try {
        listener.onEvent(event);
        delivered.incrementAndGet();
      } catch (RuntimeException e) {
        failed.incrementAndGet();
        log.warn("Bus subscriber {} failed on event {}", name, event.getEventId(), e);
      }
    }
  }

  /** Returns the subscriber's name. */
  public String name() {
    return name;
  }

  /** Returns how many events the listener handled. */
  public long delivered() {
    return delivered.get();
  }

  /** Returns how many events were dropped because the queue was full. */
  public long dropped() {
    return dropped.get();
  }

  /** Returns how many events the listener threw on. */
  public long failed() {
    return failed.get();
  }

  /** Stops taking events, lets the listener finish the queued ones, and stops the thread. */
  @Override
  public void close() {
    worker.close();
  }
}
