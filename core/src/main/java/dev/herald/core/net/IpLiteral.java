package dev.herald.core.net;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads a URL host as an IP address in every spelling a resolver might accept: the standard dotted
 * quad and IPv6 (with or without brackets), and the inet_aton forms — one to four parts, each
 * decimal, octal ({@code 0177}) or hex ({@code 0x7f}), the last filling the remaining bytes — so
 * {@code 2130706433}, {@code 0177.0.0.1}, {@code 0x7f.1} and {@code 127.1} are all 127.0.0.1. A
 * host that is none of these is a name; nothing here ever asks DNS.
 *
 * <p>Parsers disagree on leading zeros: inet_aton reads {@code 010.0.0.1} as octal (8.0.0.1), Netty
 * and Armeria as decimal (10.0.0.1) and connect to it without resolving. {@link #readings} returns
 * both, so a check can refuse a host if any reading is denied.
 */
public final class IpLiteral {

  private static final int MAX_PART_LENGTH = 34;

  private IpLiteral() {}

  /** Returns the address a host spells in any accepted form; empty for a host name. */
  public static Optional<InetAddress> parse(String host) {
    requireNonNull(host, "host");
    String text = unbracketed(host);
    if (text.indexOf(':') >= 0) {
      return ipv6(text);
    }
    // A resolver ignores one trailing dot ("127.0.0.1." is 127.0.0.1).
    if (text.endsWith(".")) {
      text = text.substring(0, text.length() - 1);
    }
    return inetAton(text);
  }

  /**
   * Returns every address a client might take the host for: the inet_aton reading first, then the
   * all-decimal reading of a dotted quad with leading zeros when it differs; empty for a name.
   */
  public static List<InetAddress> readings(String host) {
    Optional<InetAddress> first = parse(host);
    if (first.isEmpty()) {
      return List.of();
    }
    String text = unbracketed(host);
    if (text.matches("[0-9]{1,10}(\\.[0-9]{1,10}){3}")) {
      String decimal =
          Arrays.stream(text.split("\\."))
              .map(part -> String.valueOf(Long.parseLong(part)))
              .collect(Collectors.joining("."));
      Optional<InetAddress> second = parseStandard(decimal);
      if (second.isPresent() && !second.get().equals(first.get())) {
        return List.of(first.get(), second.get());
      }
    }
    return List.of(first.get());
  }

  /** Returns the address of a standard dotted quad or IPv6 literal; empty for anything else. */
  static Optional<InetAddress> parseStandard(String text) {
    if (text.indexOf(':') >= 0) {
      return ipv6(text);
    }
    return text.matches(
            "((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}"
                + "(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])")
        ? inetAton(text)
        : Optional.empty();
  }

  private static String unbracketed(String host) {
    return host.length() > 1 && host.startsWith("[") && host.endsWith("]")
        ? host.substring(1, host.length() - 1)
        : host;
  }

  private static Optional<InetAddress> ipv6(String text) {
    // A zone (fe80::1%eth0) says which interface, not which address.
    int zone = text.indexOf('%');
    String address = zone < 0 ? text : text.substring(0, zone);
    if (address.isEmpty() || !address.matches("[0-9A-Fa-f:.]+")) {
      return Optional.empty();
    }
    try {
      // With a ':' the JDK parses a literal and never looks the text up.
      return Optional.of(InetAddress.getByName("[" + address + "]"));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  private static Optional<InetAddress> inetAton(String text) {
    String[] parts = text.split("\\.", -1);
    if (text.isEmpty() || parts.length > 4) {
      return Optional.empty();
    }
    long[] values = new long[parts.length];
    for (int i = 0; i < parts.length; i++) {
      long value = number(parts[i]);
      if (value < 0) {
        return Optional.empty();
      }
      values[i] = value;
    }
    long address = 0;
    for (int i = 0; i < values.length - 1; i++) {
      if (values[i] > 0xff) {
        return Optional.empty();
      }
      address |= values[i] << (24 - 8 * i);
    }
    long last = values[values.length - 1];
    int lastBits = 8 * (5 - values.length);
    if (last >= 1L << lastBits) {
      return Optional.empty();
    }
    address |= last;
    byte[] bytes = {
      (byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address
    };
    try {
      return Optional.of(InetAddress.getByAddress(bytes));
    } catch (UnknownHostException e) {
      throw new IllegalStateException("four bytes are always an address", e);
    }
  }

  /** Returns the value of one part, or -1 when it is not a number in C's notation. */
  private static long number(String part) {
    if (part.isEmpty() || part.length() > MAX_PART_LENGTH) {
      return -1;
    }
    int radix = 10;
    String digits = part;
    if (part.startsWith("0x") || part.startsWith("0X")) {
      radix = 16;
      digits = part.substring(2);
      if (digits.isEmpty()) {
        return 0;
      }
    } else if (part.length() > 1 && part.startsWith("0")) {
      radix = 8;
      digits = part.substring(1);
    }
    long value = 0;
    for (char c : digits.toCharArray()) {
      int digit = Character.digit(c, radix);
      if (digit < 0 || c > 0x7f) {
        return -1;
      }
      value = value * radix + digit;
      if (value > 0xffff_ffffL) {
        return -1;
      }
    }
    return value;
  }
}
