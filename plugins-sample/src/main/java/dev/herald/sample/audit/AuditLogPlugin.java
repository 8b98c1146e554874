package dev.herald.sample.audit;

import dev.herald.sample.plugin.Handshake;
import dev.herald.sample.plugin.PluginServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * The audit-log sample plugin: a managed Herald plugin that appends each delivered event as one
 * JSON line to the file named by {@code AUDIT_LOG_FILE} (default {@code ./audit.log}).
 */
public final class AuditLogPlugin {

  /** The environment variable naming the audit file. */
  public static final String AUDIT_LOG_FILE = "AUDIT_LOG_FILE";

  private static final Set<Integer> PROTOCOL_VERSIONS = Set.of(AuditLogService.PROTOCOL_VERSION);

  private AuditLogPlugin() {}

  /**
   * Runs the plugin as Herald starts it: handshake on stdout, then serve until SIGTERM or stdin
   * closes.
   */
  public static void main(String[] args) throws IOException, InterruptedException {
    Map<String, String> environment = System.getenv();
    int protocolVersion;
    try {
      protocolVersion = Handshake.negotiate(environment, PROTOCOL_VERSIONS);
    } catch (IllegalStateException e) {
      System.err.println("audit-log: " + e.getMessage());
      System.exit(1);
      return;
    }
    Path file = Path.of(environment.getOrDefault(AUDIT_LOG_FILE, "./audit.log"));
    PluginServer server = start(file, 0);
    server.stopOnShutdown(PluginServer.DEFAULT_GRACE);
    PluginServer.exitWhenStdinCloses();
    Handshake.announce(protocolVersion, server.address());
    System.err.println(
        "audit-log: serving on 127.0.0.1:" + server.port() + ", appending to " + file);
    server.awaitTermination();
  }

  /** Starts serving on 127.0.0.1 at {@code port} (0: any free port), appending to {@code file}. */
  public static PluginServer start(Path file, int port) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    return PluginServer.start(new AuditLogService(new AuditLog(file)), port);
  }
}
