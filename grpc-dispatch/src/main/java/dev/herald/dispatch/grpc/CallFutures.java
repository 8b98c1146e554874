package dev.herald.dispatch.grpc;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import java.util.concurrent.CompletableFuture;

/** Bridges the future stubs' {@link ListenableFuture} to {@link CompletableFuture}. */
final class CallFutures {

  private CallFutures() {}

  /**
   * Returns a future completed with the call's answer or failure; cancelling it cancels the call.
   */
  static <T> CompletableFuture<T> completable(ListenableFuture<T> call) {
    CompletableFuture<T> result = new CompletableFuture<>();
    Futures.addCallback(
        call,
        new FutureCallback<T>() {
          @Override
          public void onSuccess(T value) {
            result.complete(value);
          }

          @Override
          public void onFailure(Throwable failure) {
            result.completeExceptionally(failure);
          }
        },
        MoreExecutors.directExecutor());
    result.whenComplete(
        (value, failure) -> {
          if (result.isCancelled()) {
            call.cancel(true);
          }
        });
    return result;
  }
}
