package dev.herald.core.route;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * Counts attempts handed to lanes whose outcome is not yet recorded (or that left without one), so
 * a pass run by hand can wait until each attempt it started is settled.
 */
final class UnsettledAttempts {

  private int count;

  /** Counts an attempt handed to its lane. */
  synchronized void started() {
    count++;
  }

  /** Counts attempts settled: recorded, dropped or given back unattempted. */
  synchronized void settled(int settled) {
    count -= settled;
    if (count <= 0) {
      notifyAll();
    }
  }

  /**
   * Waits until every counted attempt is settled.
   *
   * @throws TimeoutException when some are still unsettled after {@code timeout}
   */
  synchronized void awaitNone(Duration timeout) throws InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (count > 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new TimeoutException(count + " attempts still running after " + timeout);
      }
      wait(Math.max(1, left / 1_000_000));
    }
  }
}
