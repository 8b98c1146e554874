package dev.herald.core.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Races a reload of shared state against a change: the reload reads, is held there, the change runs
 * on another thread, and the reload goes on once the change has finished or waits for a lock. A
 * reload that applies what it read before the change must not undo the change.
 */
public final class HeldReload {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private final CountDownLatch read = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);

  /** Called by the reload right after it read: waits until the change is done or blocked. */
  public void heldAfterRead() {
    read.countDown();
    Latches.await(release);
  }

  /**
   * Runs {@code reload}, which must call {@link #heldAfterRead()} once, and {@code change} after
   * the reload read; returns when both have finished.
   */
  public void race(Runnable reload, Runnable change) throws Exception {
    // A thread each: the common pool may have a single thread on a small machine.
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      Future<?> reloading = threads.submit(reload);
      Latches.await(read);
      AtomicReference<Thread> changer = new AtomicReference<>();
      Future<?> changing =
          threads.submit(
              () -> {
                changer.set(Thread.currentThread());
                change.run();
              });
      await()
          .atMost(WAIT)
          .until(
              () ->
                  changing.isDone()
                      || (changer.get() != null
                          && changer.get().getState() == Thread.State.BLOCKED));
      release.countDown();
      reloading.get(WAIT.toSeconds(), TimeUnit.SECONDS);
      changing.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    } finally {
      release.countDown();
      threads.shutdownNow();
    }
  }
}
