package dev.herald.sample.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HandshakeTest {

  private static Map<String, String> offering(String versions) {
    return Map.of(
        Handshake.MAGIC_COOKIE_KEY,
        Handshake.MAGIC_COOKIE_VALUE,
        Handshake.PROTOCOL_VERSIONS_KEY,
        versions);
  }

  @Test
  void picksTheHighestVersionBothSidesSpeak() {
    assertThat(Handshake.negotiate(offering("1,2,3"), Set.of(1, 2))).isEqualTo(2);
    assertThat(Handshake.negotiate(offering(" 1 "), Set.of(1))).isEqualTo(1);
  }

  @Test
  void ignoresVersionsItCannotRead() {
    assertThat(Handshake.negotiate(offering("x,1,"), Set.of(1))).isEqualTo(1);
  }

  @Test
  void refusesAMissingOrWrongCookie() {
    assertThatThrownBy(
            () -> Handshake.negotiate(Map.of(Handshake.PROTOCOL_VERSIONS_KEY, "1"), Set.of(1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not meant to be run by hand");
    assertThatThrownBy(
            () ->
                Handshake.negotiate(
                    Map.of(
                        Handshake.MAGIC_COOKIE_KEY, "wrong", Handshake.PROTOCOL_VERSIONS_KEY, "1"),
                    Set.of(1)))
        .hasMessageContaining(Handshake.MAGIC_COOKIE_KEY);
  }

  @Test
  void refusesWhenNoVersionIsShared() {
    assertThatThrownBy(() -> Handshake.negotiate(offering("2,3"), Set.of(1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "no shared protocol version: the host offers '2,3' (HERALD_PLUGIN_PROTOCOL_VERSIONS),"
                + " this plugin speaks [1]");
    assertThatThrownBy(
            () ->
                Handshake.negotiate(
                    Map.of(Handshake.MAGIC_COOKIE_KEY, Handshake.MAGIC_COOKIE_VALUE), Set.of(1)))
        .hasMessageContaining("the host offers ''");
  }

  @Test
  void formatsAGoPluginLine() {
    InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 41234);
    assertThat(Handshake.line(1, address)).isEqualTo("1|1|tcp|127.0.0.1:41234|grpc");
  }
}
