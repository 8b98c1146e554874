package dev.herald.core.bus;

import dev.herald.proto.event.v1.EventEnvelope;
import java.util.concurrent.CompletableFuture;

/**
 * The in-process broadcast bus. {@link #publish} queues the envelope for the outbox writer and
 * returns at once: no validation, no I/O on the caller's thread. The writer validates, stores, and
 * then hands the event to every in-process subscriber's own bounded queue.
 */
public interface EventBus {

  /**
   * Publishes an event.
   *
   * @return a future that completes when the event is durable in the outbox; or fails with {@link
   *     BusOverflowException} when the outbox queue is full, or with {@link
   *     dev.herald.core.envelope.InvalidEnvelopeException} naming every bad field when the envelope
   *     is malformed: in both cases the event was not accepted and nothing was stored
   */
  CompletableFuture<Void> publish(EventEnvelope envelope);

  /**
   * Registers an in-process subscriber with its own queue and thread. When its queue is full, new
   * events are dropped for that subscriber alone and counted; the publisher never waits.
   */
  BusSubscription subscribe(String name, int capacity, EventListener listener);
}
