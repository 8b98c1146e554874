package dev.herald.host.plugin;

import static java.util.Objects.requireNonNull;

import dev.herald.dispatch.grpc.PluginChannels;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a managed plugin's process with a clean environment, reads its go-plugin handshake line
 * within the start timeout, and opens the channel to the address it announced. Its stdin is a pipe
 * Herald holds open and never writes to, so the plugin reads end-of-file when Herald is gone, even
 * after a SIGKILL.
 */
final class ManagedPluginLauncher {

  /** Environment variables passed through from the host, so the command and its runtime run. */
  private static final List<String> PASSED_THROUGH = List.of("PATH", "HOME", "LANG", "TZ");

  private final PluginChannels channels;
  private final SupervisionSettings settings;
  private final Map<String, String> hostEnvironment;

  ManagedPluginLauncher(
      PluginChannels channels, SupervisionSettings settings, Map<String, String> hostEnvironment) {
    this.channels = requireNonNull(channels, "channels");
    this.settings = requireNonNull(settings, "settings");
    this.hostEnvironment = Map.copyOf(hostEnvironment);
  }

  PluginConnection launch(PluginManifest manifest) throws PluginStartException {
    Path folder = manifest.file().toAbsolutePath().getParent();
    List<String> argv = resolvedCommand(manifest, folder);
    verifyChecksum(manifest, argv.get(0));
    ProcessBuilder builder = new ProcessBuilder(argv).directory(folder.toFile());
    Map<String, String> env = builder.environment();
    env.clear();
    PASSED_THROUGH.forEach(
        name -> Optional.ofNullable(hostEnvironment.get(name)).ifPresent(v -> env.put(name, v)));
    env.putAll(manifest.env());
    env.put(Handshake.MAGIC_COOKIE_KEY, Handshake.MAGIC_COOKIE_VALUE);
    env.put(
        Handshake.PROTOCOL_VERSIONS_KEY,
        Handshake.HOST_PROTOCOL_VERSIONS.stream()
            .sorted()
            .map(String::valueOf)
            .collect(Collectors.joining(",")));
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new PluginStartException("cannot start " + argv + ": " + e.getMessage(), e);
    }
    Logger pluginLog = LoggerFactory.getLogger("plugin." + manifest.id());
    forward(process.getErrorStream(), pluginLog, "stderr");
    CompletableFuture<String> firstLine = new CompletableFuture<>();
    Thread.ofVirtual()
        .name("plugin-" + manifest.id() + "-stdout")
        .start(() -> readStdout(process.getInputStream(), firstLine, pluginLog));
    try {
      Handshake handshake =
          Handshake.parse(awaitHandshake(process, firstLine), Handshake.HOST_PROTOCOL_VERSIONS);
      var channel = channels.open(manifest.id(), handshake.address(), Optional.empty());
      return new ManagedConnection(manifest.id(), process, channel, handshake.protocolVersion());
    } catch (PluginStartException | HandshakeException | RuntimeException e) {
      stop(process);
      if (e instanceof PluginStartException start) {
        throw start;
      }
      // A protocol the host does not speak will not change on restart.
      throw new PluginStartException(e.getMessage(), e instanceof HandshakeException);
    }
  }

  private String awaitHandshake(Process process, CompletableFuture<String> firstLine)
      throws PluginStartException {
    try {
      String line = firstLine.get(settings.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
      if (line == null) {
        int status = process.waitFor(1, TimeUnit.SECONDS) ? process.exitValue() : -1;
        throw new PluginStartException(
            "exited" + (status >= 0 ? " with status " + status : "") + " before its handshake line",
            false);
      }
      return line;
    } catch (TimeoutException e) {
      throw new PluginStartException(
          "no handshake line on stdout within " + settings.startTimeout(), false);
    } catch (ExecutionException e) {
      throw new PluginStartException("reading the handshake failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PluginStartException("interrupted while waiting for the handshake", e);
    }
  }

  private static List<String> resolvedCommand(PluginManifest manifest, Path folder) {
    List<String> argv = new ArrayList<>(manifest.command());
    String executable = argv.get(0);
    if (executable.startsWith("./") || executable.startsWith("../")) {
      argv.set(0, folder.resolve(executable).normalize().toString());
    }
    return argv;
  }

  private void verifyChecksum(PluginManifest manifest, String executable)
      throws PluginStartException {
    if (manifest.sha256().isEmpty()) {
      return;
    }
    Path file = locate(executable);
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
      String actual = HexFormat.of().formatHex(digest);
      if (!actual.equalsIgnoreCase(manifest.sha256().get())) {
        throw new PluginStartException(
            "sha256 of "
                + file
                + " is "
                + actual
                + ", the manifest expects "
                + manifest.sha256().get(),
            true);
      }
    } catch (IOException e) {
      throw new PluginStartException("cannot read " + file + " to check its sha256", e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private Path locate(String executable) {
    if (executable.contains("/")) {
      return Path.of(executable);
    }
    for (String dir : hostEnvironment.getOrDefault("PATH", "").split(":")) {
      Path candidate = Path.of(dir, executable);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return Path.of(executable);
  }

  private static void readStdout(
      InputStream stdout, CompletableFuture<String> firstLine, Logger pluginLog) {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(stdout, StandardCharsets.UTF_8))) {
      firstLine.complete(reader.readLine());
      // After the handshake, stdout is drained until the process is gone (also while it stops), so
      // the plugin never blocks on a full pipe nor meets a closed one.
      for (String line; (line = reader.readLine()) != null; ) {
        pluginLog.info("stdout: {}", line);
      }
    } catch (IOException e) {
      firstLine.completeExceptionally(e);
    }
  }

  private static void forward(InputStream stream, Logger pluginLog, String name) {
    Thread.ofVirtual()
        .name("plugin-" + name)
        .start(
            () -> {
              try (BufferedReader reader =
                  new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                  pluginLog.info("{}", line);
                }
              } catch (IOException ignored) {
                // The process is gone; nothing more to forward.
              }
            });
  }

  private void stop(Process process) {
    PluginProcessStop.stop(process, settings.shutdownGrace());
  }

  /** A running managed plugin. */
  private final class ManagedConnection implements PluginConnection {
    private final String id;
    private final Process process;
    private final io.grpc.Channel channel;
    private final int protocolVersion;
    private final CompletableFuture<String> exited;
    private boolean closed;

    ManagedConnection(String id, Process process, io.grpc.Channel channel, int protocolVersion) {
      this.id = id;
      this.process = process;
      this.channel = channel;
      this.protocolVersion = protocolVersion;
      this.exited = process.onExit().thenApply(p -> "exited with status " + p.exitValue());
    }

    @Override
    public io.grpc.Channel channel() {
      return channel;
    }

    @Override
    public int protocolVersion() {
      return protocolVersion;
    }

    @Override
    public CompletableFuture<String> exited() {
      return exited;
    }

    @Override
    public boolean restartable() {
      return true;
    }

    /** Stops the plugin once; a second caller (the supervisor and its stopper) waits for it. */
    @Override
    public synchronized void close() {
      if (closed) {
        return;
      }
      closed = true;
      channels.close(id);
      stop(process);
    }
  }
}
