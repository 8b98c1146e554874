package dev.herald.core.emit;

/**
 * Where an {@link Emitter} sends the envelopes it builds: the caller's transaction, the bus, or a
 * remote Herald.
 *
 * @param <R> what the caller gets back for each event
 */
@FunctionalInterface
public interface EventSink<R> {

  /** Stamps the drafted event, numbered in its aggregate's sequence, and sends it. */
  R emit(EventDraft draft);
}
