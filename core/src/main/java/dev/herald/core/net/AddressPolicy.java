package dev.herald.core.net;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides whether a webhook may reach an address, and by which rule it may not: every {@link
 * DeniedRange} is denied unless the operator's allow-list names the host or a block holding the
 * address. The same policy refuses a literal address when an endpoint is created and checks every
 * resolved address before a connection is made. Plain http is allowed only to allow-listed hosts.
 */
public final class AddressPolicy {

  private static final Pattern HOST_NAME =
      Pattern.compile("[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*");
  private static final AddressPolicy DENY_BY_DEFAULT = new AddressPolicy(List.of());

  private final List<String> allowList;
  private final List<Cidr> allowedBlocks = new ArrayList<>();
  private final Set<String> allowedHosts = new LinkedHashSet<>();

  private AddressPolicy(List<String> allowList) {
    this.allowList = List.copyOf(allowList);
    for (String entry : this.allowList) {
      Optional<Cidr> block = Cidr.parse(unbracketed(entry));
      if (block.isPresent()) {
        allowedBlocks.add(block.get());
      } else {
        allowedHosts.add(normalized(entry));
      }
    }
  }

  /** Returns the policy that denies every {@link DeniedRange} and allows nothing extra. */
  public static AddressPolicy denyByDefault() {
    return DENY_BY_DEFAULT;
  }

  /**
   * Returns a policy that also allows the given entries: addresses ({@code 127.0.0.1}, {@code
   * ::1}), blocks ({@code 10.1.0.0/16}) and host names ({@code hooks.internal}, matched exactly).
   *
   * @throws IllegalArgumentException naming the first malformed entry
   */
  public static AddressPolicy allowing(Collection<String> entries) {
    requireNonNull(entries, "entries");
    List<String> list = new ArrayList<>();
    int index = 0;
    for (String entry : entries) {
      Optional<String> problem = entryProblem(entry);
      if (problem.isPresent()) {
        throw new IllegalArgumentException("allow[" + index + "]: " + problem.get());
      }
      list.add(entry);
      index++;
    }
    return new AddressPolicy(list);
  }

  /** Returns why {@code entry} cannot be an allow-list entry; empty when it can. */
  public static Optional<String> entryProblem(String entry) {
    requireNonNull(entry, "entry");
    String text = unbracketed(entry);
    if (Cidr.parse(text).isPresent()) {
      return Optional.empty();
    }
    String expected =
        " (expected: an IP address such as 127.0.0.1 or ::1, a block such as 10.0.0.0/8,"
            + " or a host name)";
    // An odd spelling (127.1, 0x7f.1) would read as a name and never match: refuse it.
    if (text.contains("/") || IpLiteral.parse(text).isPresent()) {
      return Optional.of("'" + entry + "'" + expected);
    }
    return HOST_NAME.matcher(normalized(text)).matches()
        ? Optional.empty()
        : Optional.of("'" + entry + "'" + expected);
  }

  /** Returns the allow-list as given. */
  public List<String> allowList() {
    return allowList;
  }

  /**
   * Returns why {@code host}, at {@code address}, may not be reached; empty when it may. {@code
   * host} is the URL's host, which the allow-list may name; {@code address} is where the connection
   * would go.
   */
  public Optional<AddressDenial> check(String host, InetAddress address) {
    requireNonNull(host, "host");
    requireNonNull(address, "address");
    if (allowedHosts.contains(normalized(host)) || inAllowedBlock(address)) {
      return Optional.empty();
    }
    return DeniedRange.ruleFor(address).map(rule -> new AddressDenial(host, address, rule));
  }

  /**
   * Returns why a host that is an IP literal, in any spelling, may not be reached; empty for an
   * allowed address and for a host name (which is checked once resolved). A spelling that parsers
   * read differently is refused when any of its readings is.
   */
  public Optional<AddressDenial> checkLiteral(String host) {
    requireNonNull(host, "host");
    // Every reading: a client may take 010.0.0.1 for 8.0.0.1 or for 10.0.0.1.
    return IpLiteral.readings(host).stream()
        .map(address -> check(host, address))
        .flatMap(Optional::stream)
        .findFirst();
  }

  /** Returns whether plain http may go to {@code host}: it, or its address, is allow-listed. */
  public boolean allowsPlainHttp(String host) {
    requireNonNull(host, "host");
    return allowedHosts.contains(normalized(host))
        || IpLiteral.parse(host).map(this::inAllowedBlock).orElse(false);
  }

  private boolean inAllowedBlock(InetAddress address) {
    Optional<InetAddress> embedded =
        DeniedRange.embeddedIpv4(address).map(DeniedRange.Embedded::address);
    return allowedBlocks.stream()
        .anyMatch(block -> block.contains(address) || embedded.map(block::contains).orElse(false));
  }

  private static String normalized(String host) {
    String lower = unbracketed(host).toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
  }

  private static String unbracketed(String host) {
    return host.length() > 1 && host.startsWith("[") && host.endsWith("]")
        ? host.substring(1, host.length() - 1)
        : host;
  }

  @Override
  public String toString() {
    return "AddressPolicy{deny by default, allow " + allowList + "}";
  }
}
