package dev.herald.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.herald.dispatch.grpc.PluginAddress;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HandshakeTest {

  private static final Set<Integer> OFFERED = Handshake.HOST_PROTOCOL_VERSIONS;

  @Test
  void parsesTcpLine() throws HandshakeException {
    assertThat(Handshake.parse("1|1|tcp|127.0.0.1:41234|grpc", OFFERED))
        .isEqualTo(new Handshake(1, new PluginAddress.Tcp("127.0.0.1", 41234)));
  }

  @Test
  void parsesUnixLine() throws HandshakeException {
    assertThat(Handshake.parse("1|1|unix|/tmp/p.sock|grpc", OFFERED))
        .isEqualTo(new Handshake(1, new PluginAddress.Unix(Path.of("/tmp/p.sock"))));
  }

  @Test
  void ignoresSurroundingWhitespace() throws HandshakeException {
    assertThat(Handshake.parse("  1|1|tcp|[::1]:7000|grpc \r\n", OFFERED))
        .isEqualTo(new Handshake(1, new PluginAddress.Tcp("::1", 7000)));
  }

  @Test
  void acceptsAnyOfferedVersion() throws HandshakeException {
    assertThat(Handshake.parse("1|2|tcp|127.0.0.1:1|grpc", Set.of(1, 2)).protocolVersion())
        .isEqualTo(2);
  }

  @Test
  void hasTheGoPluginEnvironmentContract() {
    assertThat(Handshake.MAGIC_COOKIE_KEY).isEqualTo("HERALD_PLUGIN_MAGIC_COOKIE");
    assertThat(Handshake.MAGIC_COOKIE_VALUE).isEqualTo("herald-plugin-v1-6c1f2e0a");
    assertThat(Handshake.PROTOCOL_VERSIONS_KEY).isEqualTo("HERALD_PLUGIN_PROTOCOL_VERSIONS");
    assertThat(Handshake.HOST_PROTOCOL_VERSIONS).containsExactly(1);
  }

  static Stream<Arguments> refusedLines() {
    return Stream.of(
        arguments(
            "1|3|tcp|127.0.0.1:1|grpc",
            "handshake line '1|3|tcp|127.0.0.1:1|grpc': plugin chose protocol version 3; the host"
                + " offered [1]"),
        arguments(
            "1|1|tcp|127.0.0.1:1|netrpc",
            "handshake line '1|1|tcp|127.0.0.1:1|netrpc': plugin speaks netrpc; Herald speaks gRPC"
                + " only"),
        arguments(
            "1|1|tcp|127.0.0.1:1",
            "handshake line '1|1|tcp|127.0.0.1:1': no PROTOCOL field, which go-plugin reads as"
                + " netrpc; Herald speaks gRPC only"),
        arguments(
            "1|1|tcp|127.0.0.1:1|http",
            "handshake line '1|1|tcp|127.0.0.1:1|http': PROTOCOL 'http' (expected: grpc)"),
        arguments(
            "2|1|tcp|127.0.0.1:1|grpc",
            "handshake line '2|1|tcp|127.0.0.1:1|grpc': core protocol version 2 (expected: 1)"),
        arguments(
            "1|one|tcp|127.0.0.1:1|grpc",
            "handshake line '1|one|tcp|127.0.0.1:1|grpc': APP 'one' (expected: an integer)"),
        arguments(
            "1|1|udp|127.0.0.1:1|grpc",
            "handshake line '1|1|udp|127.0.0.1:1|grpc': NETWORK 'udp' (expected: tcp or unix)"),
        arguments(
            "1|1|tcp|127.0.0.1|grpc",
            "handshake line '1|1|tcp|127.0.0.1|grpc': ADDRESS '127.0.0.1' (expected: host:port for"
                + " tcp)"),
        arguments(
            "1|1|tcp|unix:/tmp/p.sock|grpc",
            "handshake line '1|1|tcp|unix:/tmp/p.sock|grpc': ADDRESS 'unix:/tmp/p.sock'"
                + " (expected: host:port for tcp)"),
        arguments(
            "1|1|unix||grpc",
            "handshake line '1|1|unix||grpc': ADDRESS: empty (expected: host:port for tcp, a"
                + " socket path for unix)"),
        arguments(
            "",
            "handshake line '': malformed (expected: CORE|APP|NETWORK|ADDRESS|PROTOCOL, e.g."
                + " 1|1|tcp|127.0.0.1:41234|grpc)"),
        arguments(
            "Starting server on port 8080...",
            "handshake line 'Starting server on port 8080...': malformed (expected:"
                + " CORE|APP|NETWORK|ADDRESS|PROTOCOL, e.g. 1|1|tcp|127.0.0.1:41234|grpc)"),
        arguments(
            "1|1|tcp|127.0.0.1:1|grpc|c2VydmVyLWNlcnQ=",
            "handshake line '1|1|tcp|127.0.0.1:1|grpc|c2VydmVyLWNlcnQ=': malformed (expected:"
                + " CORE|APP|NETWORK|ADDRESS|PROTOCOL, e.g. 1|1|tcp|127.0.0.1:41234|grpc)"));
  }

  @ParameterizedTest
  @MethodSource("refusedLines")
  void refusesWithAMessageQuotingTheLine(String line, String message) {
    assertThatThrownBy(() -> Handshake.parse(line, OFFERED))
        .isInstanceOf(HandshakeException.class)
        .hasMessage(message);
  }

  @Test
  void capsTheQuotedLine() {
    String line = "x".repeat(10_000);

    assertThatThrownBy(() -> Handshake.parse(line, OFFERED))
        .isInstanceOf(HandshakeException.class)
        .hasMessageStartingWith("handshake line '" + "x".repeat(200) + "…': malformed")
        .message()
        .hasSizeLessThan(400);
  }
}
