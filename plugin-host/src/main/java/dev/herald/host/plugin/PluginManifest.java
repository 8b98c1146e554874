package dev.herald.host.plugin;

import static java.util.Objects.requireNonNull;

import dev.herald.core.limit.Rate;
import dev.herald.core.route.Ordering;
import dev.herald.dispatch.grpc.PluginAddress;
import dev.herald.dispatch.grpc.PluginTls;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One plugin's manifest file, validated: what the plugin is, how to reach it, what it receives.
 *
 * @param file the manifest file it was read from
 * @param id unique plugin id, also the target id in {@code deliveries}
 * @param name human-readable name
 * @param version the plugin's semantic version
 * @param protocolVersions plugin protocol versions it speaks, e.g. [1]
 * @param command for a managed plugin: the argv to start it (a relative executable path is resolved
 *     against the manifest's folder); empty for a remote plugin
 * @param address for a remote plugin: where it listens; empty for a managed plugin
 * @param tls for a remote plugin: TLS settings, empty for plaintext
 * @param subscriptions which events it receives (any of them)
 * @param timeout the deadline of each Deliver call
 * @param maxInFlight the most Deliver calls under way at once, across all keys when ordered
 * @param ordering how its deliveries are ordered per key; empty when they go in any order
 * @param rateLimit the most deliveries it is sent per second, minute or hour; empty for no limit
 * @param sha256 for a managed plugin: the expected SHA-256 (hex) of its executable
 * @param env for a managed plugin: extra environment variables
 */
public record PluginManifest(
    Path file,
    String id,
    String name,
    String version,
    List<Integer> protocolVersions,
    List<String> command,
    Optional<PluginAddress> address,
    Optional<PluginTls> tls,
    List<PluginSubscription> subscriptions,
    Duration timeout,
    int maxInFlight,
    Optional<Ordering> ordering,
    Optional<Rate> rateLimit,
    Optional<String> sha256,
    Map<String, String> env) {

  public PluginManifest {
    requireNonNull(file, "file");
    requireNonNull(id, "id");
    requireNonNull(name, "name");
    requireNonNull(version, "version");
    protocolVersions = List.copyOf(protocolVersions);
    command = List.copyOf(command);
    requireNonNull(address, "address");
    requireNonNull(tls, "tls");
    subscriptions = List.copyOf(subscriptions);
    requireNonNull(timeout, "timeout");
    requireNonNull(ordering, "ordering");
    requireNonNull(rateLimit, "rateLimit");
    requireNonNull(sha256, "sha256");
    env = Map.copyOf(env);
    if (command.isEmpty() == address.isEmpty()) {
      throw new IllegalArgumentException(
          file
              + ": command/address: exactly one of them (expected: command for a managed plugin,"
              + " address for a remote one)");
    }
  }

  /** Returns whether Herald starts and supervises the plugin's process. */
  public boolean managed() {
    return !command.isEmpty();
  }
}
