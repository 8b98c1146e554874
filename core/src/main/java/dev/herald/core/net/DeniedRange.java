package dev.herald.core.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The address blocks a webhook may not reach unless the operator allows them: every range that
 * leads back into the host or its private network. Checked in declaration order, so the more
 * specific rule (cloud metadata) names an address before the broader one (link-local).
 */
public enum DeniedRange {
  CLOUD_METADATA("cloud metadata", "169.254.169.254", "fd00:ec2::254"),
  UNSPECIFIED("unspecified", "0.0.0.0/8", "::/128"),
  LOOPBACK("loopback", "127.0.0.0/8", "::1/128"),
  PRIVATE("private (RFC 1918)", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"),
  CARRIER_GRADE_NAT("carrier-grade NAT (RFC 6598)", "100.64.0.0/10"),
  LINK_LOCAL("link-local", "169.254.0.0/16", "fe80::/10"),
  UNIQUE_LOCAL("unique local (RFC 4193)", "fc00::/7"),
  SITE_LOCAL("site-local (deprecated IPv6)", "fec0::/10"),
  MULTICAST("multicast", "224.0.0.0/4", "ff00::/8"),
  BROADCAST("broadcast", "255.255.255.255/32"),
  RESERVED("reserved (240.0.0.0/4)", "240.0.0.0/4");

  // IPv6 forms that carry an IPv4 address, which is what a connection to them reaches.
  private static final Cidr IPV4_COMPATIBLE = Cidr.of("::/96");
  private static final Cidr NAT64 = Cidr.of("64:ff9b::/96");

  private final String rule;
  private final List<Cidr> blocks;

  DeniedRange(String rule, String... blocks) {
    this.rule = rule;
    this.blocks = Arrays.stream(blocks).map(Cidr::of).toList();
  }

  /** Returns the rule's name as errors show it, e.g. {@code loopback}. */
  public String rule() {
    return rule;
  }

  /** Returns the blocks this rule denies. */
  public List<Cidr> blocks() {
    return blocks;
  }

  /**
   * Returns the rule that denies {@code address}, naming the IPv6 form when the address hides an
   * IPv4 one ({@code ::ffff:127.0.0.1} is loopback, as IPv4-mapped IPv6); empty for a public one.
   */
  public static Optional<String> ruleFor(InetAddress address) {
    Optional<DeniedRange> direct = match(address);
    if (direct.isPresent()) {
      return direct.map(DeniedRange::rule);
    }
    return embeddedIpv4(address)
        .flatMap(
            embedded ->
                match(embedded.address()).map(range -> range.rule + ", as " + embedded.form()));
  }

  /** Returns the IPv4 address an IPv6 address carries in its last four bytes, if it has one. */
  static Optional<Embedded> embeddedIpv4(InetAddress address) {
    byte[] bytes = address.getAddress();
    if (bytes.length != 16) {
      return Optional.empty();
    }
    String form;
    // The JDK turns most ::ffff:a.b.c.d into Inet4Address, but Inet6Address.getByAddress keeps it.
    if (isIpv4Mapped(bytes)) {
      form = "IPv4-mapped IPv6";
    } else if (IPV4_COMPATIBLE.contains(address)) {
      form = "IPv4-compatible IPv6";
    } else if (NAT64.contains(address)) {
      form = "NAT64 IPv6";
    } else {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new Embedded(InetAddress.getByAddress(Arrays.copyOfRange(bytes, 12, 16)), form));
    } catch (UnknownHostException e) {
      throw new IllegalStateException("four bytes are always an address", e);
    }
  }

  private static boolean isIpv4Mapped(byte[] bytes) {
    for (int i = 0; i < 10; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
  }

  private static Optional<DeniedRange> match(InetAddress address) {
    return Arrays.stream(values())
        .filter(range -> range.blocks.stream().anyMatch(block -> block.contains(address)))
        .findFirst();
  }

  /** An IPv4 address found inside an IPv6 one, and the name of that form. */
  record Embedded(InetAddress address, String form) {}
}
