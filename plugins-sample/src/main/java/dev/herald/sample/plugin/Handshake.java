package dev.herald.sample.plugin;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The plugin side of Herald's go-plugin-compatible handshake: checks the magic cookie, picks a
 * protocol version from those the host offers, and prints the line that tells the host where to
 * connect, e.g. {@code 1|1|tcp|127.0.0.1:41234|grpc}.
 */
public final class Handshake {

  /** The environment variable that tells a plugin it was started by Herald. */
  public static final String MAGIC_COOKIE_KEY = "HERALD_PLUGIN_MAGIC_COOKIE";

  /** The value of {@link #MAGIC_COOKIE_KEY}. */
  public static final String MAGIC_COOKIE_VALUE = "herald-plugin-v1-6c1f2e0a";

  /** The environment variable listing the protocol versions the host offers, e.g. {@code 1,2}. */
  public static final String PROTOCOL_VERSIONS_KEY = "HERALD_PLUGIN_PROTOCOL_VERSIONS";

  /** The go-plugin core protocol version, the first field of the line. */
  private static final int CORE_PROTOCOL_VERSION = 1;

  private Handshake() {}

  /**
   * Returns the highest protocol version both the host (per {@code environment}) and the plugin
   * speak.
   *
   * @throws IllegalStateException when the cookie is missing or wrong, or no version is shared
   */
  public static int negotiate(Map<String, String> environment, Set<Integer> supported) {
    requireNonNull(environment, "environment");
    requireNonNull(supported, "supported");
    if (!MAGIC_COOKIE_VALUE.equals(environment.get(MAGIC_COOKIE_KEY))) {
      throw new IllegalStateException(
          "this is a Herald plugin: Herald starts it and connects to it; it is not meant to be"
              + " run by hand ("
              + MAGIC_COOKIE_KEY
              + " is missing or wrong)");
    }
    String offered = environment.getOrDefault(PROTOCOL_VERSIONS_KEY, "");
    TreeSet<Integer> shared = new TreeSet<>();
    for (String field : offered.split(",")) {
      try {
        int version = Integer.parseInt(field.strip());
        if (supported.contains(version)) {
          shared.add(version);
        }
      } catch (NumberFormatException e) {
        // not a version this plugin speaks; reported below if nothing else is shared
      }
    }
    if (shared.isEmpty()) {
      throw new IllegalStateException(
          "no shared protocol version: the host offers '"
              + offered
              + "' ("
              + PROTOCOL_VERSIONS_KEY
              + "), this plugin speaks "
              + new TreeSet<>(supported));
    }
    return shared.last();
  }

  /** Returns the handshake line for a gRPC server listening on {@code address} over TCP. */
  public static String line(int protocolVersion, InetSocketAddress address) {
    requireNonNull(address, "address");
    return CORE_PROTOCOL_VERSION
        + "|"
        + protocolVersion
        + "|tcp|"
        + address.getAddress().getHostAddress()
        + ":"
        + address.getPort()
        + "|grpc";
  }

  /**
   * Prints the handshake line on standard output, flushes it, and sends everything later written to
   * {@code System.out} to standard error: after the line, stdout is not for logs.
   */
  public static void announce(int protocolVersion, InetSocketAddress address) {
    PrintStream stdout = System.out;
    stdout.println(line(protocolVersion, address));
    stdout.flush();
    System.setOut(System.err);
  }
}
