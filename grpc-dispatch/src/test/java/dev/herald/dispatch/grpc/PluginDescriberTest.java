package dev.herald.dispatch.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.proto.plugin.v1.DescribeResponse;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PluginDescriberTest {

  private InProcessPlugin plugin;
  private PluginChannels channels;
  private Channel channel;

  @BeforeEach
  void start() throws Exception {
    plugin = new InProcessPlugin();
    channels = new PluginChannels();
    channel = channels.adopt(ScriptedPlugin.ID, plugin.newChannel());
  }

  @AfterEach
  void stop() throws Exception {
    channels.close();
    plugin.close();
  }

  @Test
  void sendsProtocolAndHostVersionAndReturnsTheAnswer() throws Exception {
    DescribeResponse response =
        PluginDescriber.describe(channel, 1, "0.1.0", Duration.ofSeconds(5))
            .get(5, TimeUnit.SECONDS);

    assertThat(response.getPluginId()).isEqualTo(ScriptedPlugin.ID);
    assertThat(plugin.service().descriptions())
        .singleElement()
        .satisfies(
            request -> {
              assertThat(request.getProtocolVersion()).isEqualTo(1);
              assertThat(request.getHostVersion()).isEqualTo("0.1.0");
            });
  }

  @Test
  void silentPluginFailsAtTheDeadline() {
    plugin.service().hangDescribe();

    var described = PluginDescriber.describe(channel, 1, "0.1.0", Duration.ofMillis(50));

    assertThatThrownBy(() -> described.get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED));
  }

  @Test
  void rejectsNonPositiveDeadline() {
    assertThatThrownBy(() -> PluginDescriber.describe(channel, 1, "0.1.0", Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("deadline: PT0S (expected: > 0)");
  }

  @Test
  void rejectsProtocolVersionZero() {
    assertThatThrownBy(() -> PluginDescriber.describe(channel, 0, "0.1.0", Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("protocolVersion: 0 (expected: >= 1)");
  }
}
