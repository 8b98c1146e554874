package dev.herald.core.net;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;

/**
 * Why a webhook may not reach an address.
 *
 * @param host the host as the URL names it
 * @param address the address it is, or resolved to
 * @param rule the deny rule that matched, e.g. {@code loopback}
 */
public record AddressDenial(String host, InetAddress address, String rule) {

  public AddressDenial {
    requireNonNull(host, "host");
    requireNonNull(address, "address");
    requireNonNull(rule, "rule");
  }

  /**
   * Returns e.g. {@code 'localhost' resolves to 127.0.0.1: loopback (denied; expected: a public
   * address, or an allow-listed one)}.
   */
  public String message() {
    String ip = address.getHostAddress();
    String subject =
        IpLiteral.parse(host).isPresent()
            ? (host.equals(ip) ? ip : "'" + host + "' is " + ip)
            : "'" + host + "' resolves to " + ip;
    return subject + ": " + rule + " (denied; expected: a public address, or an allow-listed one)";
  }

  @Override
  public String toString() {
    return message();
  }
}
