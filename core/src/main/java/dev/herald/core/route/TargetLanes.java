package dev.herald.core.route;

import dev.herald.core.dispatch.TargetRef;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;

/**
 * Bounds concurrency per target: each target runs at most its own limit of attempts; the rest wait
 * in its lane, so one slow target never takes the capacity of the others.
 */
final class TargetLanes {

  private static final class Lane {
    final int limit;
    int running;
    final Queue<Runnable> waiting = new ArrayDeque<>();
    final Map<Runnable, Long> waitingIds = new HashMap<>();

    Lane(int limit) {
      this.limit = limit;
    }

    int load() {
      return running + waiting.size();
    }
  }

  private final Map<TargetRef, Lane> lanes = new HashMap<>();
  private int total;

  /** Runs {@code start} now if the target has room, otherwise when an earlier attempt is done. */
  void submit(TargetRef target, int limit, long deliveryId, Runnable start) {
    boolean runNow;
    synchronized (this) {
      Lane lane = lanes.computeIfAbsent(target, t -> new Lane(Math.max(1, limit)));
      total++;
      runNow = lane.running < lane.limit;
      if (runNow) {
        lane.running++;
      } else {
        lane.waiting.add(start);
        lane.waitingIds.put(start, deliveryId);
      }
    }
    if (runNow) {
      start.run();
    }
  }

  /** Marks one attempt at the target finished and starts the next waiting one, if any. */
  void done(TargetRef target) {
    Runnable next;
    synchronized (this) {
      Lane lane = lanes.get(target);
      total--;
      next = lane.waiting.poll();
      if (next == null) {
        lane.running--;
        if (lane.running == 0) {
          lanes.remove(target);
        }
        notifyAll();
      } else {
        lane.waitingIds.remove(next);
      }
    }
    if (next != null) {
      next.run();
    }
  }

  /** Returns attempts running or waiting for one target. */
  synchronized int load(TargetRef target) {
    Lane lane = lanes.get(target);
    return lane == null ? 0 : lane.load();
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

  /** Returns the stored keys of targets with no room left. */
  synchronized Set<String> saturated() {
    Set<String> full = new HashSet<>();
    lanes.forEach(
        (target, lane) -> {
          if (lane.load() >= lane.limit) {
            full.add(target.key());
          }
        });
    return full;
  }

  /** Removes every waiting attempt and returns their delivery ids. */
  synchronized List<Long> drainWaiting() {
    List<Long> ids = new ArrayList<>();
    for (Lane lane : lanes.values()) {
      ids.addAll(lane.waitingIds.values());
      total -= lane.waiting.size();
      lane.waiting.clear();
      lane.waitingIds.clear();
    }
    return ids;
  }
}
