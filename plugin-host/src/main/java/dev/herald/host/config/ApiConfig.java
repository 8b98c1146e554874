package dev.herald.host.config;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Set;

/**
 * The admin and ingest API server.
 *
 * @param address the address it listens on
 * @param port the port it listens on; 0 picks a free one
 * @param allowHttpHosts hosts API-created webhooks may reach over plain http; all others need https
 * @param tokens who may call it
 * @param metricsRequireToken whether {@code GET /metrics} needs a token (of any role)
 */
public record ApiConfig(
    String address,
    int port,
    Set<String> allowHttpHosts,
    List<ApiToken> tokens,
    boolean metricsRequireToken) {

  /** The default address: only this machine. */
  public static final String DEFAULT_ADDRESS = "127.0.0.1";

  /** The default port. */
  public static final int DEFAULT_PORT = 8470;

  public ApiConfig {
    requireNonNull(address, "address");
    allowHttpHosts = Set.copyOf(allowHttpHosts);
    tokens = List.copyOf(tokens);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port: " + port + " (expected: 0..65535)");
    }
  }

  /**
   * Returns the defaults: 127.0.0.1:8470, https only, no tokens (every call is refused but {@code
   * /metrics}, {@code /health} and {@code /ready}).
   */
  public static ApiConfig ofDefaults() {
    return new ApiConfig(DEFAULT_ADDRESS, DEFAULT_PORT, Set.of(), List.of(), false);
  }

  /** Returns a copy listening on another port. */
  public ApiConfig withPort(int newPort) {
    return new ApiConfig(address, newPort, allowHttpHosts, tokens, metricsRequireToken);
  }
}
