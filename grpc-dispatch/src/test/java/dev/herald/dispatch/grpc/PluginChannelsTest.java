package dev.herald.dispatch.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PluginChannelsTest {

  private InProcessPlugin plugin;
  private PluginChannels channels;

  @BeforeEach
  void start() throws Exception {
    plugin = new InProcessPlugin();
    channels = new PluginChannels();
  }

  @AfterEach
  void stop() throws Exception {
    channels.close();
    plugin.close();
  }

  @Test
  void handsOutTheChannelOfARunningPlugin() {
    ManagedChannel channel = plugin.newChannel();
    channels.adopt("a", channel);

    assertThat(channels.channel("a")).containsSame(channel);
    assertThat(channels.channel("b")).isEmpty();
  }

  @Test
  void closingAPluginShutsItsChannelDown() {
    ManagedChannel channel = plugin.newChannel();
    channels.adopt("a", channel);

    channels.close("a");

    assertThat(channel.isShutdown()).isTrue();
    assertThat(channels.channel("a")).isEmpty();
  }

  @Test
  void reopeningAPluginShutsThePreviousChannelDown() {
    ManagedChannel first = plugin.newChannel();
    ManagedChannel second = plugin.newChannel();
    channels.adopt("a", first);

    channels.adopt("a", second);

    assertThat(first.isShutdown()).isTrue();
    assertThat(second.isShutdown()).isFalse();
    assertThat(channels.channel("a")).containsSame(second);
  }

  @Test
  void closingAllShutsEveryChannelDownAndRefusesNewOnes() {
    ManagedChannel a = plugin.newChannel();
    ManagedChannel b = plugin.newChannel();
    channels.adopt("a", a);
    channels.adopt("b", b);

    channels.close();

    assertThat(a.isTerminated()).isTrue();
    assertThat(b.isTerminated()).isTrue();
    assertThat(channels.channel("a")).isEmpty();
    assertThatThrownBy(
            () -> channels.open("c", PluginAddress.parse("127.0.0.1:1"), Optional.empty()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("plugin channels: closed");
  }

  @Test
  void unreadableTlsFilesFailTheOpen() {
    PluginTls tls =
        new PluginTls(
            Optional.of(Path.of("/nonexistent/ca.pem")), Optional.empty(), Optional.empty());

    assertThatThrownBy(
            () -> channels.open("a", PluginAddress.parse("127.0.0.1:1"), Optional.of(tls)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("tls: ");
    assertThat(channels.channel("a")).isEmpty();
  }

  @Test
  void rejectsNonPositiveCloseGrace() {
    assertThatThrownBy(() -> new PluginChannels(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("closeGrace: PT0S (expected: > 0)");
  }
}
