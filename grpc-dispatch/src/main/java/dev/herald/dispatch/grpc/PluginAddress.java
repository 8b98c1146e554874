package dev.herald.dispatch.grpc;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/** Where a plugin's gRPC server listens: a TCP host and port, or a Unix domain socket. */
public sealed interface PluginAddress {

  /** A TCP address. */
  record Tcp(String host, int port) implements PluginAddress {
    public Tcp {
      requireNonNull(host, "host");
      if (host.isBlank()) {
        throw new IllegalArgumentException("host: empty (expected: a host name or IP address)");
      }
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port: " + port + " (expected: 1 to 65535)");
      }
    }

    @Override
    public String toString() {
      return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }
  }

  /** A Unix domain socket. */
  record Unix(Path socket) implements PluginAddress {
    public Unix {
      requireNonNull(socket, "socket");
    }

    @Override
    public String toString() {
      return "unix:" + socket;
    }
  }

  /**
   * Parses {@code host:port}, {@code [v6]:port} or {@code unix:/path/to.sock}.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  static PluginAddress parse(String text) {
    requireNonNull(text, "address");
    if (text.startsWith("unix:")) {
      String path = text.substring("unix:".length());
      if (path.isEmpty()) {
        throw new IllegalArgumentException("address: 'unix:' (expected: unix:/path/to/socket)");
      }
      return new Unix(Path.of(path));
    }
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new IllegalArgumentException(
          "address: '" + text + "' (expected: host:port or unix:/path/to/socket)");
    }
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(text.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "address: '" + text + "' (expected: a numeric port after the last ':')");
    }
    return new Tcp(host, port);
  }
}
