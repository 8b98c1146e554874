package dev.herald.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The publish baseline: a bare {@link ArrayBlockingQueue} drained in batches by a consumer thread
 * of its own that does nothing with what it takes.
 */
final class BareQueue<T> implements AutoCloseable {

  private final ArrayBlockingQueue<T> queue;
  private final AtomicLong consumed = new AtomicLong();
  private final Thread consumer;
  private volatile boolean closing;

  BareQueue(int capacity) {
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.consumer = Thread.ofPlatform().daemon().name("bench-bare-consumer").start(this::drain);
  }

  /** Offers one item; false when the queue is full. */
  boolean offer(T item) {
    return queue.offer(item);
  }

  /** Waits until the consumer has taken {@code total} items since this queue was made. */
  void awaitConsumed(long total) {
    while (consumed.get() < total) {
      LockSupport.parkNanos(100_000);
    }
  }

  private void drain() {
    List<T> batch = new ArrayList<>(100);
    while (!closing) {
      try {
        T first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, 99);
        consumed.addAndGet(batch.size());
        batch.clear();
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    closing = true;
    consumer.join();
  }
}
