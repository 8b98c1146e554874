package dev.herald.core.bus;

import dev.herald.proto.event.v1.EventEnvelope;

/** Receives published events on its subscription's own thread. */
@FunctionalInterface
public interface EventListener {

  /** Handles one event; an exception is logged and counted, and the next event follows. */
  void onEvent(EventEnvelope event);
}
