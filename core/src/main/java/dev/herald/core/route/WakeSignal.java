package dev.herald.core.route;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** Wakes a waiting loop; wake-ups that arrive while it works are folded into one. */
final class WakeSignal {

  private final Semaphore permits = new Semaphore(0);

  void wake() {
    if (permits.availablePermits() == 0) {
      permits.release();
    }
  }

  /**
   * Waits until woken or the timeout passes.
   *
   * @return true if woken, false if the timeout passed
   */
  boolean await(Duration timeout) throws InterruptedException {
    if (permits.tryAcquire(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS)) {
      permits.drainPermits();
      return true;
    }
    return false;
  }
}
