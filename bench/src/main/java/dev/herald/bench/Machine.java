package dev.herald.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The machine a run measured, read at run time. */
record Machine(
    int cores,
    long ramBytes,
    String cpu,
    String jdk,
    String os,
    List<String> jvmFlags,
    double loadAverage) {

  /** Returns the machine this JVM runs on, with its load average over the last minute. */
  static Machine current() {
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    return new Machine(
        Runtime.getRuntime().availableProcessors(),
        os.getTotalMemorySize(),
        cpuModel(),
        System.getProperty("java.vm.vendor")
            + " "
            + System.getProperty("java.vm.name")
            + " "
            + System.getProperty("java.runtime.version"),
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " ("
            + System.getProperty("os.arch")
            + ")",
        ManagementFactory.getRuntimeMXBean().getInputArguments(),
        os.getSystemLoadAverage());
  }

  /** Returns the system load average over the last minute, as of now. */
  static double loadAverageNow() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(line -> line.startsWith("model name"))
          .map(line -> line.substring(line.indexOf(':') + 1).strip())
          .findFirst()
          .orElse("unknown");
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  /** Returns the RAM in GiB, rounded to one decimal. */
  double ramGib() {
    return Math.round(ramBytes / (1024.0 * 1024 * 1024) * 10) / 10.0;
  }
}
