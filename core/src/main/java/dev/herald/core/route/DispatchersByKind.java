package dev.herald.core.route;

import dev.herald.core.dispatch.DeliveryAttempt;
import dev.herald.core.dispatch.DeliveryResult;
import dev.herald.core.dispatch.Dispatcher;
import dev.herald.proto.event.v1.EventEnvelope;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The dispatcher of each target kind. Sending never throws: a missing event, a kind nobody
 * dispatches and a dispatcher that throws each become a result the router records like any other.
 */
final class DispatchersByKind {

  private final Map<String, Dispatcher> byKind;

  DispatchersByKind(List<Dispatcher> dispatchers) {
    Map<String, Dispatcher> kinds = new HashMap<>();
    for (Dispatcher dispatcher : dispatchers) {
      if (kinds.putIfAbsent(dispatcher.kind(), dispatcher) != null) {
        throw new IllegalArgumentException(
            "dispatchers: two for kind '" + dispatcher.kind() + "' (expected: one per kind)");
      }
    }
    this.byKind = Map.copyOf(kinds);
  }

  /**
   * Hands the delivery of {@code envelope} (null when its outbox row is gone) to its dispatcher.
   */
  CompletableFuture<DeliveryResult> send(ClaimedDelivery delivery, EventEnvelope envelope) {
    Dispatcher dispatcher = byKind.get(delivery.target().kind());
    if (envelope == null) {
      return completed(DeliveryResult.rejected("event_missing", "the outbox row is gone"));
    }
    if (dispatcher == null) {
      return completed(
          DeliveryResult.rejected(
              "no_dispatcher", "no dispatcher for target kind " + delivery.target().kind()));
    }
    try {
      return dispatcher.dispatch(
          new DeliveryAttempt(delivery.id(), delivery.attempt(), delivery.target(), envelope));
    } catch (RuntimeException e) {
      return completed(DeliveryResult.retryAfterError("dispatcher", e));
    }
  }

  private static CompletableFuture<DeliveryResult> completed(DeliveryResult result) {
    return CompletableFuture.completedFuture(result);
  }
}
