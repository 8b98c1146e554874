package dev.herald.host.plugin;

import static java.util.Objects.requireNonNull;

import dev.herald.dispatch.grpc.PluginAddress;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * The go-plugin handshake line a managed plugin prints first on stdout, {@code
 * CORE|APP|NETWORK|ADDRESS|PROTOCOL}, e.g. {@code 1|1|tcp|127.0.0.1:41234|grpc}.
 *
 * @param protocolVersion the plugin protocol version the plugin chose (APP)
 * @param address where the plugin's gRPC server listens
 */
public record Handshake(int protocolVersion, PluginAddress address) {

  /** The environment variable that tells a plugin it was started by Herald. */
  public static final String MAGIC_COOKIE_KEY = "HERALD_PLUGIN_MAGIC_COOKIE";

  /** The value of {@link #MAGIC_COOKIE_KEY}. */
  public static final String MAGIC_COOKIE_VALUE = "herald-plugin-v1-6c1f2e0a";

  /** The environment variable listing the protocol versions the host offers, e.g. {@code 1}. */
  public static final String PROTOCOL_VERSIONS_KEY = "HERALD_PLUGIN_PROTOCOL_VERSIONS";

  /** The plugin protocol versions this host speaks. */
  public static final Set<Integer> HOST_PROTOCOL_VERSIONS = Set.of(1);

  /** The go-plugin core protocol version, the first field of the line. */
  static final int CORE_PROTOCOL_VERSION = 1;

  private static final int QUOTE_LIMIT = 200;
  private static final String FORMAT =
      "CORE|APP|NETWORK|ADDRESS|PROTOCOL, e.g. 1|1|tcp|127.0.0.1:41234|grpc";

  public Handshake {
    requireNonNull(address, "address");
  }

  /**
   * Parses a handshake line, surrounding whitespace ignored.
   *
   * @param offeredVersions the plugin protocol versions the host offered the plugin
   * @throws HandshakeException saying what is wrong and quoting the line
   */
  public static Handshake parse(String line, Set<Integer> offeredVersions)
      throws HandshakeException {
    requireNonNull(line, "line");
    requireNonNull(offeredVersions, "offeredVersions");
    String trimmed = line.strip();
    String[] fields = trimmed.split("\\|", -1);
    if (fields.length == 4 && !trimmed.isEmpty()) {
      // go-plugin reads a line without PROTOCOL as netrpc.
      throw refused(
          line, "no PROTOCOL field, which go-plugin reads as netrpc; Herald speaks gRPC only");
    }
    if (fields.length != 5) {
      throw refused(line, "malformed (expected: " + FORMAT + ")");
    }
    int core = number(line, "CORE", fields[0]);
    if (core != CORE_PROTOCOL_VERSION) {
      throw refused(
          line, "core protocol version " + core + " (expected: " + CORE_PROTOCOL_VERSION + ")");
    }
    int chosen = number(line, "APP", fields[1]);
    if (!offeredVersions.contains(chosen)) {
      throw refused(
          line,
          "plugin chose protocol version "
              + chosen
              + "; the host offered "
              + new TreeSet<>(offeredVersions));
    }
    String protocol = fields[4].strip();
    if (protocol.equals("netrpc")) {
      throw refused(line, "plugin speaks netrpc; Herald speaks gRPC only");
    }
    if (!protocol.equals("grpc")) {
      throw refused(line, "PROTOCOL " + quote(protocol) + " (expected: grpc)");
    }
    return new Handshake(chosen, address(line, fields[2].strip(), fields[3].strip()));
  }

  private static PluginAddress address(String line, String network, String address)
      throws HandshakeException {
    if (address.isEmpty()) {
      throw refused(line, "ADDRESS: empty (expected: host:port for tcp, a socket path for unix)");
    }
    return switch (network) {
      case "tcp" -> {
        try {
          if (PluginAddress.parse(address) instanceof PluginAddress.Tcp tcp) {
            yield tcp;
          }
        } catch (IllegalArgumentException e) {
          // reported below
        }
        throw refused(line, "ADDRESS " + quote(address) + " (expected: host:port for tcp)");
      }
      case "unix" -> {
        try {
          yield new PluginAddress.Unix(Path.of(address));
        } catch (InvalidPathException e) {
          throw refused(line, "ADDRESS " + quote(address) + " (expected: a socket path for unix)");
        }
      }
      default -> throw refused(line, "NETWORK " + quote(network) + " (expected: tcp or unix)");
    };
  }

  private static int number(String line, String field, String text) throws HandshakeException {
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw refused(line, field + " " + quote(text) + " (expected: an integer)");
    }
  }

  private static HandshakeException refused(String line, String reason) {
    return new HandshakeException("handshake line " + quote(line) + ": " + reason);
  }

  private static String quote(String text) {
    String shown = text.length() > QUOTE_LIMIT ? text.substring(0, QUOTE_LIMIT) + "…" : text;
    return "'" + shown + "'";
  }
}
