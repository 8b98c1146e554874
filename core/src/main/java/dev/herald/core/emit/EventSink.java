package dev.herald.core.emit;

/**
 * Where an {@link Emitter} sends the envelopes it builds: the caller's transaction or the bus.
 *
 * @param <R> what the caller gets back for each event
 */
@FunctionalInterface
public interface EventSink<R> {

  /** Numbers the drafted event in its aggregate's sequence, stamps it and sends it. */
  R emit(EventDraft draft);
}
