package dev.herald.core.bus;

import dev.herald.proto.event.v1.EventEnvelope;
import java.util.concurrent.CompletableFuture;

/**
 * The in-process broadcast bus. {@link #publish} validates the envelope and hands it to every
 * subscriber's own bounded queue without doing I/O on the caller's thread.
 */
public interface EventBus {

  /**
   * Publishes an event.
   *
   * @return a future that completes when the event is durable in the outbox, or fails with {@link
   *     BusOverflowException} when the outbox queue is full (the event was not accepted)
   * @throws dev.herald.core.envelope.InvalidEnvelopeException when the envelope is malformed
   */
  CompletableFuture<Void> publish(EventEnvelope envelope);

  /**
   * Registers an in-process subscriber with its own queue and thread. When its queue is full, new
   * events are dropped for that subscriber alone and counted; the publisher never waits.
   */
  BusSubscription subscribe(String name, int capacity, EventListener listener);
}
