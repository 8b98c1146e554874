package dev.herald.core.net;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the host of a URL even where {@link URI#getHost()} gives up: {@code http://2130706433/} and
 * {@code http://0x7f.1/} are not host names to {@code URI}, yet a client would connect to them, so
 * the address check must see them.
 */
public final class UrlHost {

  private UrlHost() {}

  /** Returns the host, lower-cased and without IPv6 brackets; empty when there is none. */
  public static Optional<String> of(URI uri) {
    String host = uri.getHost();
    if (host == null) {
      host = fromAuthority(uri.getRawAuthority());
    }
    if (host == null || host.isEmpty()) {
      return Optional.empty();
    }
    if (host.length() > 1 && host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return Optional.of(host.toLowerCase(Locale.ROOT));
  }

  private static String fromAuthority(String authority) {
    if (authority == null) {
      return null;
    }
    String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
    if (hostPort.startsWith("[")) {
      int close = hostPort.indexOf(']');
      return close < 0 ? null : hostPort.substring(0, close + 1);
    }
    int colon = hostPort.lastIndexOf(':');
    return colon < 0 ? hostPort : hostPort.substring(0, colon);
  }
}
