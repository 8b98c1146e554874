package dev.herald.core.dispatch;

import java.util.concurrent.CompletableFuture;

/**
 * Delivers one attempt of one event to one target. The router talks to targets only through this
 * port; a new kind of target is one new implementation.
 *
 * <p>Implementations must not block the calling thread: the router calls {@link #dispatch} from its
 * own loop and records the result when the returned future completes. A future that completes
 * exceptionally is treated as a retryable failure.
 */
public interface Dispatcher {

  /** Returns the target kind this dispatcher serves, e.g. {@code webhook} or {@code plugin}. */
  String kind();

  /** Starts delivering the attempt and returns its result. */
  CompletableFuture<DeliveryResult> dispatch(DeliveryAttempt attempt);
}
