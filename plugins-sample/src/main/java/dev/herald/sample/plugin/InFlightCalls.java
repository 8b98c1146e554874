package dev.herald.sample.plugin;

import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Counts the plugin's calls in progress, so a stop can wait for them to finish without also waiting
 * for the host's long-lived health {@code Watch} streams.
 */
final class InFlightCalls implements ServerInterceptor {

  private int count;

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    started();
    ServerCall.Listener<Q> listener;
    try {
      listener = next.startCall(call, headers);
    } catch (RuntimeException e) {
      ended();
      throw e;
    }
    return new SimpleForwardingServerCallListener<>(listener) {
      @Override
      public void onComplete() {
        try {
          super.onComplete();
        } finally {
          ended();
        }
      }

      @Override
      public void onCancel() {
        try {
          super.onCancel();
        } finally {
          ended();
        }
      }
    };
  }

  /** Waits until no call is in progress or {@code timeout} passes; returns whether none is. */
  synchronized boolean awaitNone(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (count > 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }

  private synchronized void started() {
    count++;
  }

  private synchronized void ended() {
    count--;
    notifyAll();
  }
}
