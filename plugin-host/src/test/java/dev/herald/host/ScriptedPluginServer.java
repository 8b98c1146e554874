package dev.herald.host;

import dev.herald.proto.plugin.v1.DeliverRequest;
import dev.herald.proto.plugin.v1.DeliverResponse;
import dev.herald.proto.plugin.v1.DescribeRequest;
import dev.herald.proto.plugin.v1.DescribeResponse;
import dev.herald.proto.plugin.v1.PluginServiceGrpc;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A real gRPC plugin on 127.0.0.1 whose Describe and Deliver answers a test scripts. */
final class ScriptedPluginServer implements AutoCloseable {

  private final Server server;
  private final HealthStatusManager health = new HealthStatusManager();
  private final List<DeliverRequest> received = new CopyOnWriteArrayList<>();

  ScriptedPluginServer(
      DescribeResponse description, Function<DeliverRequest, DeliverResponse> script)
      throws IOException {
    PluginServiceGrpc.PluginServiceImplBase service =
        new PluginServiceGrpc.PluginServiceImplBase() {
          @Override
          public void describe(DescribeRequest request, StreamObserver<DescribeResponse> response) {
            response.onNext(description);
            response.onCompleted();
          }

          @Override
          public void deliver(DeliverRequest request, StreamObserver<DeliverResponse> response) {
            received.add(request);
            response.onNext(script.apply(request));
            response.onCompleted();
          }
        };
    health.setStatus("plugin", ServingStatus.SERVING);
    this.server =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .addService(service)
            .addService(health.getHealthService())
            .build()
            .start();
  }

  int port() {
    return server.getPort();
  }

  List<DeliverRequest> received() {
    return List.copyOf(received);
  }

  /** Makes the plugin report its health as {@code status}. */
  void setHealth(ServingStatus status) {
    health.setStatus("plugin", status);
  }

  @Override
  public void close() {
    server.shutdownNow();
  }
}
