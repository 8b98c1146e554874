package dev.herald.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressPolicyTest {

  private final AddressPolicy denyByDefault = AddressPolicy.denyByDefault();

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "127.0.0.1 | loopback",
        "127.255.255.254 | loopback",
        "2130706433 | loopback",
        "0177.0.0.1 | loopback",
        "0x7f.1 | loopback",
        "0x7f000001 | loopback",
        "127.1 | loopback",
        "127.0.1 | loopback",
        "127.0.0.1. | loopback",
        "010.0.0.1 | private (RFC 1918)",
        "0127.0.0.1 | loopback",
        "::1 | loopback",
        "[::1] | loopback",
        "::ffff:127.0.0.1 | loopback",
        "::ffff:7f00:1 | loopback",
        "::127.0.0.1 | 'loopback, as IPv4-compatible IPv6'",
        "10.1.2.3 | private (RFC 1918)",
        "012.1.2.3 | private (RFC 1918)",
        "172.16.0.1 | private (RFC 1918)",
        "172.31.255.255 | private (RFC 1918)",
        "192.168.1.1 | private (RFC 1918)",
        "3232235777 | private (RFC 1918)",
        "::ffff:192.168.1.1 | private (RFC 1918)",
        "169.254.169.254 | cloud metadata",
        "0xa9fea9fe | cloud metadata",
        "fd00:ec2::254 | cloud metadata",
        "169.254.1.1 | link-local",
        "fe80::1 | link-local",
        "fe80::1%25eth0 | link-local",
        "100.64.0.1 | carrier-grade NAT (RFC 6598)",
        "100.127.255.255 | carrier-grade NAT (RFC 6598)",
        "fc00::1 | unique local (RFC 4193)",
        "fdff::1 | unique local (RFC 4193)",
        "0.0.0.0 | unspecified",
        "0 | unspecified",
        ":: | unspecified",
        "224.0.0.1 | multicast",
        "ff02::1 | multicast",
        "255.255.255.255 | broadcast",
        "64:ff9b::a00:1 | 'private (RFC 1918), as NAT64 IPv6'",
      })
  void deniesEveryInternalRangeInEverySpelling(String host, String rule) {
    String unescaped = host.replace("%25", "%");
    assertThat(denyByDefault.checkLiteral(unescaped))
        .hasValueSatisfying(denial -> assertThat(denial.rule()).isEqualTo(rule));
  }

  @ParameterizedTest
  @CsvSource({
    "93.184.215.14",
    "8.8.8.8",
    "100.128.0.1",
    "172.32.0.1",
    "2606:4700::1111",
    "1e100.net",
    "example.com",
    "127.0.0.1.nip.io"
  })
  void allowsPublicAddressesAndLeavesNamesToTheResolver(String host) {
    assertThat(denyByDefault.checkLiteral(host)).isEmpty();
  }

  @Test
  void allowListOpensAddressesBlocksAndNames() throws Exception {
    AddressPolicy policy =
        AddressPolicy.allowing(List.of("127.0.0.1", "10.1.0.0/16", "[::1]", "Hooks.Internal"));

    assertThat(policy.checkLiteral("127.0.0.1")).isEmpty();
    assertThat(policy.checkLiteral("::ffff:127.0.0.1")).isEmpty();
    assertThat(policy.checkLiteral("127.0.0.2")).isPresent();
    assertThat(policy.checkLiteral("10.1.200.3")).isEmpty();
    assertThat(policy.checkLiteral("10.2.0.1")).isPresent();
    assertThat(policy.checkLiteral("::1")).isEmpty();
    assertThat(policy.check("hooks.internal.", InetAddress.getByName("10.9.9.9"))).isEmpty();
    assertThat(policy.check("other.internal", InetAddress.getByName("10.9.9.9")))
        .hasValueSatisfying(
            denial ->
                assertThat(denial.message())
                    .isEqualTo(
                        "'other.internal' resolves to 10.9.9.9: private (RFC 1918)"
                            + " (denied; expected: a public address, or an allow-listed one)"));
  }

  @Test
  void plainHttpOnlyToAllowListedHosts() {
    AddressPolicy policy = AddressPolicy.allowing(List.of("127.0.0.1", "hooks.internal"));

    assertThat(policy.allowsPlainHttp("127.0.0.1")).isTrue();
    assertThat(policy.allowsPlainHttp("hooks.internal")).isTrue();
    assertThat(policy.allowsPlainHttp("example.com")).isFalse();
    assertThat(denyByDefault.allowsPlainHttp("127.0.0.1")).isFalse();
  }

  @Test
  void refusesMalformedAllowListEntriesByPosition() {
    assertThatThrownBy(() -> AddressPolicy.allowing(List.of("::1", "127.1")))
        .hasMessage(
            "allow[1]: '127.1' (expected: an IP address such as 127.0.0.1 or ::1, a block such"
                + " as 10.0.0.0/8, or a host name)");
    assertThat(AddressPolicy.entryProblem("10.0.0.0/33")).isPresent();
    assertThat(AddressPolicy.entryProblem("http://x/")).isPresent();
    assertThat(AddressPolicy.entryProblem("fd00::/8")).isEmpty();
  }

  @Test
  void namesTheSpellingAndTheAddressInTheMessage() {
    assertThat(denyByDefault.checkLiteral("0x7f.1").orElseThrow().message())
        .isEqualTo(
            "'0x7f.1' is 127.0.0.1: loopback"
                + " (denied; expected: a public address, or an allow-listed one)");
  }
}
