package dev.herald.core.net;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.Optional;

/**
 * A block of addresses, {@code 10.0.0.0/8} or {@code fc00::/7}; a bare address is a block of one.
 *
 * @param network the block's first address
 * @param prefixLength how many leading bits every address of the block shares with {@code network}
 */
public record Cidr(InetAddress network, int prefixLength) {

  public Cidr {
    requireNonNull(network, "network");
    int bits = network.getAddress().length * 8;
    if (prefixLength < 0 || prefixLength > bits) {
      throw new IllegalArgumentException(
          "prefixLength: " + prefixLength + " (expected: 0.." + bits + ")");
    }
  }

  /**
   * Parses {@code address/prefix} or a bare address written the standard way (dotted quad or IPv6);
   * empty when the text is neither.
   */
  public static Optional<Cidr> parse(String text) {
    requireNonNull(text, "text");
    int slash = text.indexOf('/');
    String addressPart = slash < 0 ? text : text.substring(0, slash);
    Optional<InetAddress> address = IpLiteral.parseStandard(addressPart);
    if (address.isEmpty()) {
      return Optional.empty();
    }
    int bits = address.get().getAddress().length * 8;
    if (slash < 0) {
      return Optional.of(new Cidr(address.get(), bits));
    }
    String prefix = text.substring(slash + 1);
    if (!prefix.matches("[0-9]{1,3}") || Integer.parseInt(prefix) > bits) {
      return Optional.empty();
    }
    return Optional.of(new Cidr(address.get(), Integer.parseInt(prefix)));
  }

  /** Parses a block that is known to be well formed, such as the built-in deny rules. */
  static Cidr of(String text) {
    return parse(text).orElseThrow(() -> new IllegalArgumentException("cidr: '" + text + "'"));
  }

  /** Returns whether {@code address} lies in this block (IPv4 and IPv6 blocks never overlap). */
  public boolean contains(InetAddress address) {
    byte[] candidate = address.getAddress();
    byte[] base = network.getAddress();
    if (candidate.length != base.length) {
      return false;
    }
    int whole = prefixLength / 8;
    if (!Arrays.equals(candidate, 0, whole, base, 0, whole)) {
      return false;
    }
    int rest = prefixLength % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xff << (8 - rest)) & 0xff;
    return (candidate[whole] & mask) == (base[whole] & mask);
  }

  @Override
  public String toString() {
    return network.getHostAddress() + "/" + prefixLength;
  }
}
