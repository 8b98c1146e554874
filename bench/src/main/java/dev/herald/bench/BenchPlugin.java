package dev.herald.bench;

import dev.herald.proto.plugin.v1.DeliverRequest;
import dev.herald.proto.plugin.v1.DeliverResponse;
import dev.herald.proto.plugin.v1.DescribeRequest;
import dev.herald.proto.plugin.v1.DescribeResponse;
import dev.herald.proto.plugin.v1.PluginServiceGrpc;
import dev.herald.proto.plugin.v1.Subscription;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The plugin the plugin scenario delivers to, and the raw gRPC loop calls: a grpc-java server on
 * 127.0.0.1 that acknowledges every delivery at once, and counts them.
 */
final class BenchPlugin implements AutoCloseable {

  static final String ID = "bench";

  private static final DeliverResponse ACK =
      DeliverResponse.newBuilder().setOutcome(DeliverResponse.Outcome.ACK).build();

  private final AtomicLong delivered = new AtomicLong();
  private final Server server;

  private BenchPlugin() {
    HealthStatusManager health = new HealthStatusManager();
    health.setStatus("plugin", io.grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING);
    // The handler never blocks, so it runs on the transport thread, as the raw loop's does.
    this.server =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .directExecutor()
            .addService(new Service())
            .addService(health.getHealthService())
            .build();
  }

  /** Starts the plugin on a free port. */
  static BenchPlugin start() {
    BenchPlugin plugin = new BenchPlugin();
    try {
      plugin.server.start();
    } catch (IOException e) {
      throw new UncheckedIOException("bench plugin: cannot start", e);
    }
    return plugin;
  }

  /** Returns the plugin's {@code host:port}. */
  String address() {
    return "127.0.0.1:" + server.getPort();
  }

  /** Returns how many Deliver calls it has answered. */
  long delivered() {
    return delivered.get();
  }

  /** Sets the count back to zero between trials. */
  void reset() {
    delivered.set(0);
  }

  private final class Service extends PluginServiceGrpc.PluginServiceImplBase {
    @Override
    public void describe(DescribeRequest request, StreamObserver<DescribeResponse> observer) {
      observer.onNext(
          DescribeResponse.newBuilder()
              .setPluginId(ID)
              .setVersion("1.0.0")
              .setProtocolVersion(1)
              .addSubscriptions(Subscription.newBuilder().addEventTypes("*"))
              .build());
      observer.onCompleted();
    }

    @Override
    public void deliver(DeliverRequest request, StreamObserver<DeliverResponse> observer) {
      delivered.incrementAndGet();
      observer.onNext(ACK);
      observer.onCompleted();
    }
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
  }
}
