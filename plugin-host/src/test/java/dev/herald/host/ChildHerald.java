package dev.herald.host;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A {@code herald} command run in a child JVM, with the test's classpath, output to a file. */
final class ChildHerald implements AutoCloseable {

  private final Process process;

  private ChildHerald(Process process) {
    this.process = process;
  }

  /** Starts {@code herald <args>} in a new JVM; its output goes to {@code log}. */
  static ChildHerald start(Path log, String... args) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                java, "-cp", System.getProperty("java.class.path"), HeraldMain.class.getName()));
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
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
