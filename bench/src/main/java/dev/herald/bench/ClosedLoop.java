package dev.herald.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A closed-loop load: a fixed number of asynchronous calls under way, each finished call starting
 * the next, until a total is done. What the raw baselines are made of.
 */
final class ClosedLoop {

  private final String name;
  private final Supplier<CompletableFuture<Boolean>> call;

  /**
   * Creates a loop of {@code call}, whose future says whether the call succeeded.
   *
   * @param name names the loop in errors
   */
  ClosedLoop(String name, Supplier<CompletableFuture<Boolean>> call) {
    this.name = name;
    this.call = call;
  }

  /** Makes {@code total} calls, {@code concurrency} at a time; returns the elapsed nanoseconds. */
  long run(int total, int concurrency) throws InterruptedException {
    AtomicInteger started = new AtomicInteger();
    AtomicLong failed = new AtomicLong();
    CountDownLatch done = new CountDownLatch(total);
    long start = System.nanoTime();
    for (int i = 0; i < concurrency; i++) {
      next(started, total, failed, done);
    }
    if (!done.await(5, TimeUnit.MINUTES)) {
      throw new IllegalStateException(name + ": " + done.getCount() + " calls unanswered");
    }
    long elapsed = System.nanoTime() - start;
    if (failed.get() > 0) {
      throw new IllegalStateException(name + ": " + failed.get() + " calls failed");
    }
    return elapsed;
  }

  private void next(AtomicInteger started, int total, AtomicLong failed, CountDownLatch done) {
    if (started.getAndIncrement() >= total) {
      return;
    }
    call.get()
        .whenComplete(
            (succeeded, error) -> {
              if (error != null || !succeeded) {
                failed.incrementAndGet();
              }
              done.countDown();
              next(started, total, failed, done);
            });
  }
}
