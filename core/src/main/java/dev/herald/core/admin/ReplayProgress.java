package dev.herald.core.admin;

/**
 * Where a replay run's deliveries are now.
 *
 * @param total the deliveries the run re-armed or created
 * @param waiting pending, queued or scheduled
 * @param inFlight being attempted
 * @param succeeded delivered
 * @param failed dead or discarded
 * @param superseded re-armed by a later replay, or removed by retention
 */
public record ReplayProgress(
    long total, long waiting, long inFlight, long succeeded, long failed, long superseded) {

  /** Returns whether nothing of the run waits or is in flight. */
  public boolean done() {
    return waiting + inFlight == 0;
  }
}
