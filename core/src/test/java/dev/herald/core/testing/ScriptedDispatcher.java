package dev.herald.core.testing;

import dev.herald.core.dispatch.DeliveryAttempt;
import dev.herald.core.dispatch.DeliveryResult;
import dev.herald.core.dispatch.Dispatcher;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Function;

/** A dispatcher whose answers a test decides; it records every attempt it receives. */
public final class ScriptedDispatcher implements Dispatcher {

  private static final Executor ANSWERS = Executors.newVirtualThreadPerTaskExecutor();

  private final String kind;
  private final Function<DeliveryAttempt, DeliveryResult> script;
  private final List<DeliveryAttempt> attempts = new CopyOnWriteArrayList<>();
  private volatile Runnable onDispatch = () -> {};

  public ScriptedDispatcher(String kind, Function<DeliveryAttempt, DeliveryResult> script) {
    this.kind = kind;
    this.script = script;
  }

  /** Returns a webhook dispatcher that answers every attempt with success. */
  public static ScriptedDispatcher alwaysDelivering() {
    return new ScriptedDispatcher("webhook", attempt -> DeliveryResult.delivered());
  }

  @Override
  public String kind() {
    return kind;
  }

  /** Runs {@code action} on the calling thread of every later dispatch. */
  public void onDispatch(Runnable action) {
    this.onDispatch = action;
  }

  @Override
  public CompletableFuture<DeliveryResult> dispatch(DeliveryAttempt attempt) {
    onDispatch.run();
    attempts.add(attempt);
    // Each answer on its own virtual thread: a script that blocks must not starve the others
    // (the common pool has one thread on a 2-core machine).
    return CompletableFuture.supplyAsync(() -> script.apply(attempt), ANSWERS);
  }

  /** Returns the attempts received so far. */
  public List<DeliveryAttempt> attempts() {
    return List.copyOf(attempts);
  }
}
