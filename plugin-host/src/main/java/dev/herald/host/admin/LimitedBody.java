package dev.herald.host.admin;

import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpObject;
import java.io.ByteArrayOutputStream;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * Reads a request body up to a limit and stops reading past it, so the service answers an oversized
 * body itself (Armeria's own limit would answer in plain text).
 */
final class LimitedBody implements Subscriber<HttpObject> {

  private final int maxBytes;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final CompletableFuture<Optional<byte[]>> result = new CompletableFuture<>();
  private Subscription subscription;

  LimitedBody(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** Completes with the body, or empty when it is longer than the limit. */
  CompletableFuture<Optional<byte[]>> result() {
    return result;
  }

  @Override
  public void onSubscribe(Subscription s) {
    subscription = s;
    s.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(HttpObject object) {
    if (result.isDone() || !(object instanceof HttpData data)) {
      return;
    }
    if ((long) bytes.size() + data.length() > maxBytes) {
      subscription.cancel();
      result.complete(Optional.empty());
      return;
    }
    bytes.writeBytes(data.array());
  }

  @Override
  public void onError(Throwable t) {
    result.completeExceptionally(t);
  }

  @Override
  public void onComplete() {
    result.complete(Optional.of(bytes.toByteArray()));
  }
}
