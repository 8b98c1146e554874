package dev.herald.core.worker;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A queue drained by one thread of its own, in batches: whatever has piled up (up to the batch
 * size) is handed over at once. Closing refuses new items, hands over the ones queued, and stops.
 */
public final class BatchWorker<T> implements AutoCloseable {

  private final BlockingQueue<T> queue;
  private final int batchSize;
  private final Consumer<List<T>> handler;
  private final Thread thread;
  private final Object admission = new Object(); // makes "not closing, so enqueue" one step
  private volatile boolean closing;

  /**
   * Creates a worker; call {@link #start()} to begin.
   *
   * @param queue bounded or not; {@link #offer} fails when a bounded one is full
   * @param handler called on the worker's thread with each batch; must not throw
   */
  public BatchWorker(
      String threadName, BlockingQueue<T> queue, int batchSize, Consumer<List<T>> handler) {
    requireNonNull(threadName, "threadName");
    this.queue = requireNonNull(queue, "queue");
    this.handler = requireNonNull(handler, "handler");
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize: " + batchSize + " (expected: >= 1)");
    }
    this.batchSize = batchSize;
    this.thread = Thread.ofPlatform().daemon().name(threadName).unstarted(this::run);
  }

  /** Starts the worker's thread. */
  public void start() {
    thread.start();
  }

  /** Queues an item; returns false when the queue is full or the worker is closing. */
  public boolean offer(T item) {
    synchronized (admission) {
      return !closing && queue.offer(item);
    }
  }

  /** Returns how many items wait to be handled. */
  public int backlog() {
    return queue.size();
  }

  private void run() {
    List<T> batch = new ArrayList<>(batchSize);
    while (!closing || !queue.isEmpty()) {
      try {
        T first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, batchSize - 1);
        handler.accept(batch);
      } catch (InterruptedException e) {
        closing = true; // nobody interrupts on purpose; treat it as a close and drain
      } finally {
        batch.clear();
      }
    }
  }

  /** Refuses new items, handles every queued one, and stops the thread. */
  @Override
  public void close() {
    synchronized (admission) {
      closing = true;
    }
    if (thread.getState() == Thread.State.NEW) {
      run(); // never started: drain on the caller's thread
      return;
    }
    // No interrupt: the handler may be inside a database call. The idle poll ends within 100 ms.
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
