package dev.herald.core.testing;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Waits on latches inside lambdas that cannot throw checked exceptions, with a deadline. */
public final class Latches {

  private Latches() {}

  /** Waits up to 30 s for the latch; throws when it never opens. */
  public static void await(CountDownLatch latch) {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the latch never opened");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
