package dev.herald.sample.testing;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A plugin started as Herald starts it: a child process with a clean environment, its handshake
 * line read from stdout and its stderr kept for failure messages.
 */
public final class PluginProcess implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final CompletableFuture<String> firstLine = new CompletableFuture<>();
  private final StringBuffer stderr = new StringBuffer();
  private final Thread stderrReader;
  private ManagedChannel channel;

  private PluginProcess(Process process) {
    this.process = process;
    Thread.ofVirtual().start(() -> readStdout(process.getInputStream()));
    stderrReader = Thread.ofVirtual().start(() -> readStderr(process.getErrorStream()));
  }

  /** Returns what Herald sets: the magic cookie, protocol versions "1", PATH and HOME. */
  public static Map<String, String> heraldEnvironment() {
    Map<String, String> env = new HashMap<>(withoutCookie());
    env.put("HERALD_PLUGIN_MAGIC_COOKIE", "herald-plugin-v1-6c1f2e0a");
    env.put("HERALD_PLUGIN_PROTOCOL_VERSIONS", "1");
    return env;
  }

  /** Returns PATH and HOME only, as when someone runs a plugin by hand in a bare shell. */
  public static Map<String, String> withoutCookie() {
    return Map.of("PATH", System.getenv("PATH"), "HOME", System.getProperty("user.home"));
  }

  /** Starts {@code command} in {@code directory} with exactly {@code environment}. */
  public static PluginProcess start(
      Path directory, Map<String, String> environment, List<String> command) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
    builder.environment().clear();
    builder.environment().putAll(environment);
    return new PluginProcess(builder.start());
  }

  /** Returns the first line on stdout, waiting for it. */
  public String handshakeLine() throws Exception {
    String line = firstLine.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    if (line == null) {
      throw new AssertionError("no handshake line; stderr:\n" + stderr);
    }
    return line;
  }

  /** Returns a channel to the address in the handshake line ({@code 1|1|tcp|HOST:PORT|grpc}). */
  public synchronized ManagedChannel channel() throws Exception {
    if (channel == null) {
      String address = handshakeLine().split("\\|")[3];
      int colon = address.lastIndexOf(':');
      channel =
          ManagedChannelBuilder.forAddress(
                  address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)))
              .usePlaintext()
              .build();
    }
    return channel;
  }

  /** Returns what the plugin wrote to stderr so far. */
  public String stderr() {
    return stderr.toString();
  }

  /**
   * Sends SIGTERM and returns the exit status once all of stderr is read. Through the process
   * handle: {@code Process.destroy()} also closes the pipes, losing what was not read yet.
   */
  public int terminate() throws InterruptedException {
    process.toHandle().destroy();
    return awaitExit();
  }

  /** Closes the plugin's stdin, as Herald's exit does, however Herald ends. */
  public void closeStdin() throws IOException {
    process.getOutputStream().close();
  }

  /** Waits for the process to exit and returns its status. */
  public int awaitExit() throws InterruptedException {
    if (!process.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      throw new AssertionError("plugin still running; stderr:\n" + stderr);
    }
    // The pipe ends with the process: what it wrote last is read before anyone looks at it.
    stderrReader.join(START_TIMEOUT.toMillis());
    return process.exitValue();
  }

  @Override
  public synchronized void close() {
    if (channel != null) {
      channel.shutdownNow();
    }
    process.destroyForcibly();
  }

  private void readStdout(InputStream stdout) {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(stdout, StandardCharsets.UTF_8))) {
      firstLine.complete(reader.readLine());
      reader.transferTo(Writer.nullWriter());
    } catch (IOException e) {
      firstLine.completeExceptionally(e);
    }
  }

  private void readStderr(InputStream err) {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(err, StandardCharsets.UTF_8))) {
      for (String line; (line = reader.readLine()) != null; ) {
        stderr.append(line).append('\n');
      }
    } catch (IOException e) {
      stderr.append("(reading stderr failed: ").append(e).append(")\n");
    }
  }
}
