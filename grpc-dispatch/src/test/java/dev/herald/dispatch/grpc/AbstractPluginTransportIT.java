package dev.herald.dispatch.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.core.dispatch.DeliveryOutcome;
import dev.herald.core.dispatch.DeliveryResult;
import dev.herald.proto.plugin.v1.DeliverRequest;
import dev.herald.proto.plugin.v1.DeliverResponse.Outcome;
import dev.herald.proto.plugin.v1.DescribeResponse;
import dev.herald.proto.plugin.v1.PluginServiceGrpc;
import io.grpc.BindableService;
import io.grpc.Channel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every scenario a real socket must pass, run against a grpc-netty-shaded plugin server; one small
 * subclass per transport.
 */
abstract class AbstractPluginTransportIT {

  protected final ScriptedPlugin plugin = new ScriptedPlugin();
  protected Server server;
  protected PluginChannels channels;
  protected GrpcPluginDispatcher dispatcher;

  /** Starts a plugin server serving {@code service}. */
  abstract Server startServer(BindableService service) throws Exception;

  /** Returns where the started server listens. */
  abstract PluginAddress address();

  /** Returns the TLS the host uses towards the server. */
  Optional<PluginTls> tls() {
    return Optional.empty();
  }

  /** Releases what {@link #startServer} made besides the server, after it stopped. */
  void serverStopped() throws Exception {}

  @BeforeEach
  void start() throws Exception {
    server = startServer(plugin);
    channels = new PluginChannels();
    channels.open(ScriptedPlugin.ID, address(), tls());
    dispatcher =
        new GrpcPluginDispatcher(
            channels,
            id -> Optional.ofNullable(Map.of(ScriptedPlugin.ID, Duration.ofSeconds(10)).get(id)),
            Selections.AS_PUBLISHED);
  }

  @AfterEach
  void stop() throws Exception {
    channels.close();
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    serverStopped();
  }

  @Test
  void deliversTheAttemptAndMapsTheAnswer() throws Exception {
    plugin.answer(Outcome.ACK);

    DeliveryResult result = dispatch();

    assertThat(result.outcome()).isInstanceOf(DeliveryOutcome.Delivered.class);
    assertThat(result.grpcCode()).isEqualTo("OK");
    DeliverRequest received = plugin.deliveries().getFirst();
    assertThat(received.getDeliveryId()).isEqualTo("42");
    assertThat(received.getEnvelope()).isEqualTo(Attempts.ENVELOPE);
  }

  @Test
  void describesThePlugin() throws Exception {
    DescribeResponse response =
        PluginDescriber.describe(channel(), 1, "0.1.0", Duration.ofSeconds(10))
            .get(10, TimeUnit.SECONDS);

    assertThat(response.getPluginId()).isEqualTo(ScriptedPlugin.ID);
  }

  @Test
  void rejectingStatusDeadLetters() throws Exception {
    plugin.fail(Status.INVALID_ARGUMENT.withDescription("no such customer"));

    DeliveryResult result = dispatch();

    assertThat(result.outcome()).isInstanceOf(DeliveryOutcome.Rejected.class);
    assertThat(result.grpcCode()).isEqualTo("INVALID_ARGUMENT");
  }

  @Test
  void stoppedPluginIsRetriedAsUnavailable() throws Exception {
    dispatch(); // connected once
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);

    DeliveryResult result = dispatch();

    assertThat(result.outcome()).isEqualTo(DeliveryOutcome.Retry.now());
    assertThat(result.grpcCode()).isEqualTo("UNAVAILABLE");
  }

  @Test
  void closingThePluginShutsItsChannelDown() throws Exception {
    Channel channel = channel();
    dispatch();

    channels.close(ScriptedPlugin.ID);

    assertThat(dispatch().errorClass()).isEqualTo("plugin_not_running");
    assertThatThrownBy(
            () ->
                PluginServiceGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(10, TimeUnit.SECONDS)
                    .deliver(DeliverRequest.getDefaultInstance()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE))
        .hasMessageContaining("shutdown");
  }

  protected Channel channel() {
    return channels.channel(ScriptedPlugin.ID).orElseThrow();
  }

  protected DeliveryResult dispatch() throws Exception {
    return dispatcher.dispatch(Attempts.toPlugin()).get(20, TimeUnit.SECONDS);
  }
}
