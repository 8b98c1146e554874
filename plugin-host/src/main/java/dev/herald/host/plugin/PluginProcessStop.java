package dev.herald.host.plugin;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Stops a managed plugin's process as the config reference promises: SIGTERM to the process and its
 * descendants, up to the grace period for all of them to exit, then SIGKILL to what is left.
 */
final class PluginProcessStop {

  /** How long to wait for the kernel to reap a process after SIGKILL. */
  private static final Duration AFTER_KILL = Duration.ofSeconds(5);

  private PluginProcessStop() {}

  /**
   * Stops {@code process}, taking the whole grace period even if the calling thread is interrupted
   * (its interrupt status is kept). The process's pipes stay open, unlike with {@link
   * Process#destroy()}, which closes them: a plugin may still write to stdout and stderr while it
   * stops, and Herald keeps draining both until the process is gone.
   */
  static void stop(Process process, Duration grace) {
    ProcessHandle plugin = process.toHandle();
    Set<ProcessHandle> tree = new LinkedHashSet<>();
    tree.add(plugin);
    plugin.descendants().forEach(tree::add);
    boolean interrupted = Thread.interrupted();
    try {
      tree.forEach(ProcessHandle::destroy);
      long deadline = System.nanoTime() + grace.toNanos();
      for (ProcessHandle handle : tree) {
        interrupted |= awaitExit(handle, Duration.ofNanos(deadline - System.nanoTime()));
      }
      if (plugin.isAlive()) {
        plugin.descendants().forEach(tree::add); // started during the grace period
      }
      tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
      for (ProcessHandle handle : tree) {
        interrupted |= awaitExit(handle, AFTER_KILL);
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Waits up to {@code wait} for {@code handle} to exit; returns whether it was interrupted. */
  private static boolean awaitExit(ProcessHandle handle, Duration wait) {
    boolean interrupted = false;
    long deadline = System.nanoTime() + wait.toNanos();
    while (handle.isAlive()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      try {
        handle.onExit().get(left, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        interrupted = true; // the grace period is a promise to the plugin: keep waiting
      } catch (TimeoutException | ExecutionException e) {
        break;
      }
    }
    return interrupted;
  }
}
