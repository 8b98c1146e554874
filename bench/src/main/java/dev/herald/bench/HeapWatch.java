package dev.herald.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** Watches the heap: the peak used heap, polled, and the live heap right after a full GC. */
final class HeapWatch implements AutoCloseable {

  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  private final Thread poller;
  private volatile boolean closing;
  private volatile long peak;

  private HeapWatch() {
    this.poller = Thread.ofPlatform().daemon().name("bench-heap-watch").start(this::poll);
  }

  /** Starts polling the used heap every 50 ms. */
  static HeapWatch start() {
    return new HeapWatch();
  }

  /** Runs a full GC and returns the heap still used: what the process really holds. */
  static long liveAfterGc() {
    System.gc();
    return MEMORY.getHeapMemoryUsage().getUsed();
  }

  /** Returns the most heap seen in use, garbage included. */
  long peak() {
    return peak;
  }

  /** Returns the heap's maximum size (-Xmx). */
  static long max() {
    return MEMORY.getHeapMemoryUsage().getMax();
  }

  private void poll() {
    while (!closing) {
      peak = Math.max(peak, MEMORY.getHeapMemoryUsage().getUsed());
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    closing = true;
    poller.join();
  }
}
