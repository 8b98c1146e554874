package dev.herald.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How busy the machine's cores were over an interval, and how much of that was this JVM: the rest
 * is other processes, on a quiet machine mostly the PostgreSQL server. Read from {@code /proc/stat}
 * and the JVM's process CPU time; where those are missing the shares are NaN.
 *
 * @param busy the share of all cores not idle, 0 to 1
 * @param jvm the share of all cores this JVM used, 0 to 1
 */
record CpuShare(double busy, double jvm) {

  /** A point in time to measure from. */
  record Mark(long wallNanos, long jvmNanos, long[] jiffies) {}

  /** Returns a mark to measure from. */
  static Mark mark() {
    return new Mark(System.nanoTime(), jvmCpuNanos(), jiffies());
  }

  /** Returns the shares between {@code from} and now. */
  static CpuShare since(Mark from) {
    Mark to = mark();
    double cores = Runtime.getRuntime().availableProcessors();
    double jvm =
        from.jvmNanos() < 0 || to.jvmNanos() < 0
            ? Double.NaN
            : (to.jvmNanos() - from.jvmNanos()) / ((to.wallNanos() - from.wallNanos()) * cores);
    double busy = Double.NaN;
    if (from.jiffies() != null && to.jiffies() != null) {
      long total = to.jiffies()[0] - from.jiffies()[0];
      long idle = to.jiffies()[1] - from.jiffies()[1];
      busy = total <= 0 ? Double.NaN : (double) (total - idle) / total;
    }
    return new CpuShare(busy, jvm);
  }

  /** Returns the share of all cores other processes used. */
  double others() {
    return Math.max(0, busy - jvm);
  }

  private static long jvmCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean()
            instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime()
        : -1;
  }

  /** Returns {total, idle + iowait} jiffies of all cores, or null where there is no /proc. */
  private static long[] jiffies() {
    try {
      String[] fields = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
      long total = 0;
      // cpu user nice system idle iowait irq softirq steal (guest time is already in user)
      for (int i = 1; i <= 8 && i < fields.length; i++) {
        total += Long.parseLong(fields[i]);
      }
      return new long[] {total, Long.parseLong(fields[4]) + Long.parseLong(fields[5])};
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Returns the medians of {@code shares} as "busy B % (this JVM J %, other processes O %)". */
  static String median(List<CpuShare> shares) {
    double[] busy = shares.stream().mapToDouble(CpuShare::busy).toArray();
    double[] jvm = shares.stream().mapToDouble(CpuShare::jvm).toArray();
    double[] others = shares.stream().mapToDouble(CpuShare::others).toArray();
    return "busy %.0f %% (this JVM %.0f %%, other processes %.0f %%)"
        .formatted(
            100 * Samples.median(busy), 100 * Samples.median(jvm), 100 * Samples.median(others));
  }
}
