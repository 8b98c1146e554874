package dev.herald.dispatch.http;

import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.stream.StreamMessage;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * Reads a response body keeping only its first bytes; the client's maximum response length ends the
 * stream of a body too large to read in full.
 */
final class BodyExcerptReader implements Subscriber<HttpData> {

  private final byte[] kept;
  private final CompletableFuture<byte[]> result = new CompletableFuture<>();
  private Subscription subscription;
  private int keptLength;

  private BodyExcerptReader(int keepBytes) {
    this.kept = new byte[keepBytes];
  }

  /**
   * Returns the first {@code keepBytes} bytes of the body; completes normally even when the body
   * fails part way (too large, reset, timed out), with whatever arrived, because the status has
   * already been received.
   */
  static CompletableFuture<byte[]> read(StreamMessage<HttpData> body, int keepBytes) {
    BodyExcerptReader reader = new BodyExcerptReader(keepBytes);
    body.subscribe(reader);
    return reader.result;
  }

  @Override
  public void onSubscribe(Subscription subscription) {
    this.subscription = subscription;
    subscription.request(1);
  }

  @Override
  public void onNext(HttpData data) {
    int copied = Math.min(data.length(), kept.length - keptLength);
    if (copied > 0) {
      System.arraycopy(data.array(), 0, kept, keptLength, copied);
      keptLength += copied;
    }
    subscription.request(1);
  }

  @Override
  public void onError(Throwable cause) {
    finish();
  }

  @Override
  public void onComplete() {
    finish();
  }

  private void finish() {
    result.complete(Arrays.copyOf(kept, keptLength));
  }
}
