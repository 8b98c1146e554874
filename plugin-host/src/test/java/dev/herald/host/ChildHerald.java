package dev.herald.host;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** A {@code herald} command run in a child JVM, with the test's classpath, output to a file. */
final class ChildHerald implements AutoCloseable {

  private final Process process;

  private ChildHerald(Process process) {
    this.process = process;
  }

  /** Starts {@code herald <args>} in a new JVM; its output goes to {@code log}. */
  static ChildHerald start(Path log, String... args) throws IOException {
    return start(log, List.of(), args);
  }

  /**
   * Starts {@code herald <args>} in a new JVM with {@code jvmOptions} (e.g. {@code -Xmx64m}) after
   * the usual ones, so they win; its output goes to {@code log}.
   */
  static ChildHerald start(Path log, List<String> jvmOptions, String... args) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    // C1 only and the serial collector: half the CPU to start, which counts when several children
    // start at once on a small machine; they run for seconds, never long enough for C2 to pay off.
    List<String> command =
        new java.util.ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
    command.addAll(jvmOptions);
    command.addAll(
        List.of("-cp", System.getProperty("java.class.path"), HeraldMain.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(TestHerald.keyEnvironment());
    Process process = builder.start();
    return new ChildHerald(process);
  }

  /** Kills the JVM with SIGKILL: no shutdown hook, no flush, like a power cut. */
  void killHard() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** Asks the JVM to stop with SIGTERM and returns its exit status. */
  int stopGracefully() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      killHard();
    }
    return process.exitValue();
  }

  /**
   * Returns the local ports of the child's TCP connections to {@code remotePort} on this machine,
   * as Linux's {@code /proc} shows them: the child's sockets are its file descriptors, whose inodes
   * the connection table lists with both ends.
   */
  Set<Integer> localPortsConnectedTo(int remotePort) throws IOException {
    Path proc = Path.of("/proc", String.valueOf(process.pid()));
    Set<String> sockets = new HashSet<>();
    try (DirectoryStream<Path> descriptors = Files.newDirectoryStream(proc.resolve("fd"))) {
      for (Path descriptor : descriptors) {
        try {
          String target = Files.readSymbolicLink(descriptor).toString();
          if (target.startsWith("socket:[")) {
            sockets.add(target.substring("socket:[".length(), target.length() - 1));
          }
        } catch (IOException closedMeanwhile) {
          // not a socket of the child any more
        }
      }
    }
    Set<Integer> ports = new HashSet<>();
    for (String table : List.of("tcp", "tcp6")) {
      List<String> lines = Files.readAllLines(proc.resolve("net").resolve(table));
      // After a header: sl, local address, remote address, state, queues, timer, retransmits, uid,
      // timeout, inode, ...
      for (String line : lines.subList(1, lines.size())) {
        String[] columns = line.trim().split("\\s+");
        if (sockets.contains(columns[9]) && port(columns[2]) == remotePort) {
          ports.add(port(columns[1]));
        }
      }
    }
    return ports;
  }

  /** Returns the port of an address of {@code /proc/net/tcp}, e.g. {@code 0100007F:1F90}. */
  private static int port(String address) {
    return Integer.parseInt(address.substring(address.indexOf(':') + 1), 16);
  }

  /**
   * Waits for the JVM to exit and returns its status; kills it when it outlives {@code timeout}.
   */
  int waitFor(java.time.Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      killHard();
      throw new AssertionError("herald did not exit within " + timeout);
    }
    return process.exitValue();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      killHard();
    }
  }
}
