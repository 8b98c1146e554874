package dev.herald.core.route;

import static java.util.Objects.requireNonNull;

import dev.herald.core.dispatch.TargetRef;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * Bounds concurrency per target: each target runs at most its own limit of attempts; the rest wait
 * in its lane. (How much each lane is given, within the global limit, is the {@link Claimer}'s fair
 * share.) Attempts start on the executor, never on the thread that submits them or finishes the
 * previous one.
 */
final class TargetLanes {

  // A lane holds up to this many rounds of its limit (running plus waiting), and asks for more when
  // only REFILL_ROUNDS wait: enough that its attempts never run out of successors while the router
  // claims more (its claims queue for the write lock behind the writer and the recorder).
  private static final int ROUNDS = 4;
  private static final int REFILL_ROUNDS = 2;

  private record Waiting(long deliveryId, Runnable start) {}

  private static final class Lane {
    final int limit;
    int running;
    final Queue<Waiting> waiting = new ArrayDeque<>();

    Lane(int limit) {
      this.limit = limit;
    }

    int load() {
      return running + waiting.size();
    }
  }

  private final Executor executor;
  private final Map<TargetRef, Lane> lanes = new HashMap<>();
  private int total;

  TargetLanes(Executor executor) {
    this.executor = requireNonNull(executor, "executor");
  }

  /** Starts {@code start} now if the target has room, otherwise when an earlier attempt is done. */
  void submit(TargetRef target, int limit, long deliveryId, Runnable start) {
    boolean runNow;
    synchronized (this) {
      Lane lane = lanes.computeIfAbsent(target, t -> new Lane(Math.max(1, limit)));
      total++;
      runNow = lane.running < lane.limit;
      if (runNow) {
        lane.running++;
      } else {
        lane.waiting.add(new Waiting(deliveryId, start));
      }
    }
    if (runNow) {
      executor.execute(start);
    }
  }

  /**
   * Marks one attempt at the target finished and starts the next waiting one, if any.
   *
   * @return true when the target's lane has just dropped to {@code REFILL_ROUNDS} of waiting
   *     attempts, or got room with nothing waiting: time to claim more for it
   */
  boolean done(TargetRef target) {
    Waiting next;
    boolean claimMore;
    synchronized (this) {
      Lane lane = lanes.get(target);
      total--;
      next = lane.waiting.poll();
      claimMore =
          next != null
              ? lane.waiting.size() == REFILL_ROUNDS * lane.limit
              : lane.running == lane.limit;
      if (next == null) {
        lane.running--;
        if (lane.running == 0) {
          lanes.remove(target);
        }
        notifyAll();
      }
    }
    if (next != null) {
      executor.execute(next.start());
    }
    return claimMore;
  }

  /** Returns how many more attempts the target's lane takes, with {@code limit} running at once. */
  synchronized int room(TargetRef target, int limit) {
    Lane lane = lanes.get(target);
    return ROUNDS * Math.max(1, limit) - (lane == null ? 0 : lane.load());
  }

  /** Returns the target's attempts running or waiting. */
  synchronized int load(TargetRef target) {
    Lane lane = lanes.get(target);
    return lane == null ? 0 : lane.load();
  }

  /** Returns the targets with attempts running or waiting. */
  synchronized Set<TargetRef> busy() {
    return Set.copyOf(lanes.keySet());
  }

  /** Returns attempts running or waiting, all targets together. */
  synchronized int total() {
    return total;
  }

  /** Returns attempts running now. */
  synchronized int running() {
    return lanes.values().stream().mapToInt(lane -> lane.running).sum();
  }

  /** Waits until no attempt is running or the deadline ({@link System#nanoTime()}) passes. */
  synchronized boolean awaitIdle(long deadlineNanos) throws InterruptedException {
    while (running() > 0) {
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }

  /** Removes the target's waiting attempts and returns their delivery ids. */
  synchronized List<Long> drainWaiting(TargetRef target) {
    Lane lane = lanes.get(target);
    if (lane == null) {
      return List.of();
    }
    List<Long> ids = new ArrayList<>();
    lane.waiting.forEach(waiting -> ids.add(waiting.deliveryId()));
    total -= lane.waiting.size();
    lane.waiting.clear();
    return ids;
  }

  /** Removes every waiting attempt and returns their delivery ids. */
  synchronized List<Long> drainWaiting() {
    List<Long> ids = new ArrayList<>();
    for (Lane lane : lanes.values()) {
      lane.waiting.forEach(waiting -> ids.add(waiting.deliveryId()));
      total -= lane.waiting.size();
      lane.waiting.clear();
    }
    return ids;
  }
}
