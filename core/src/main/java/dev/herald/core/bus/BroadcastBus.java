package dev.herald.core.bus;

import static java.util.Objects.requireNonNull;

import dev.herald.core.outbox.OutboxWriter;
import dev.herald.proto.event.v1.EventEnvelope;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bus: the outbox writer is its durable subscriber and is offered each event first; the
 * in-process subscribers get the events the writer has validated and committed, from {@link
 * #committed}.
 */
public final class BroadcastBus implements EventBus, AutoCloseable {

  private final OutboxWriter outbox;
  private final List<BusSubscription> subscriptions = new CopyOnWriteArrayList<>();
  private final AtomicLong rejected = new AtomicLong();

  /**
   * Creates a bus whose durable subscriber is {@code outbox}; wire the writer's commits to {@link
   * #committed}.
   */
  public BroadcastBus(OutboxWriter outbox) {
    this.outbox = requireNonNull(outbox, "outbox");
  }

  @Override
  public CompletableFuture<Void> publish(EventEnvelope envelope) {
    requireNonNull(envelope, "envelope");
    CompletableFuture<Void> durable = new CompletableFuture<>();
    if (!outbox.offer(envelope, durable)) {
      rejected.incrementAndGet();
      return CompletableFuture.failedFuture(
          new BusOverflowException(
              "outbox queue full or closed: event " + envelope.getEventId() + " not accepted"));
    }
    return durable;
  }

  /** Hands events the outbox just committed to every in-process subscriber's queue. */
  public void committed(List<EventEnvelope> events) {
    for (BusSubscription subscription : subscriptions) {
      for (EventEnvelope event : events) {
        subscription.offer(event);
      }
    }
  }

  @Override
  public BusSubscription subscribe(String name, int capacity, EventListener listener) {
    BusSubscription subscription = new BusSubscription(name, capacity, listener);
    subscriptions.add(subscription);
    return subscription;
  }

  /** Returns how many publishes were refused because the outbox queue was full. */
  public long rejected() {
    return rejected.get();
  }

  /** Returns the in-process subscriptions. */
  public List<BusSubscription> subscriptions() {
    return List.copyOf(subscriptions);
  }

  /**
   * Stops the in-process subscribers after they drain; the outbox writer is closed by its owner.
   */
  @Override
  public void close() {
    subscriptions.forEach(BusSubscription::close);
    subscriptions.clear();
  }
}
