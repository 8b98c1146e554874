package dev.herald.bench;

import dev.herald.proto.plugin.v1.DeliverRequest;
import dev.herald.proto.plugin.v1.DeliverResponse;
import dev.herald.proto.plugin.v1.PluginServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The plugin baseline: grpc-java's async stub calling Deliver with the same request over one
 * channel (direct executor, as Herald's plugin channels), a fixed number of calls under way, each
 * with a deadline; no database, no bookkeeping.
 */
final class RawGrpcLoop implements AutoCloseable {

  private final ManagedChannel channel;
  private final PluginServiceGrpc.PluginServiceStub stub;
  private final DeliverRequest request;
  private final ClosedLoop loop = new ClosedLoop("raw gRPC loop", this::deliver);

  RawGrpcLoop(String address, DeliverRequest request) {
    this.channel = NettyChannelBuilder.forTarget(address).usePlaintext().directExecutor().build();
    this.stub = PluginServiceGrpc.newStub(channel);
    this.request = request;
  }

  /** Makes {@code total} calls, {@code concurrency} at a time; returns the elapsed nanoseconds. */
  long run(int total, int concurrency) throws InterruptedException {
    return loop.run(total, concurrency);
  }

  private CompletableFuture<Boolean> deliver() {
    CompletableFuture<Boolean> acked = new CompletableFuture<>();
    stub.withDeadlineAfter(10, TimeUnit.SECONDS)
        .deliver(
            request,
            new StreamObserver<>() {
              @Override
              public void onNext(DeliverResponse response) {
                acked.complete(response.getOutcome() == DeliverResponse.Outcome.ACK);
              }

              @Override
              public void onError(Throwable t) {
                acked.completeExceptionally(t);
              }

              @Override
              public void onCompleted() {
                acked.complete(false); // no answer at all counts as a failure
              }
            });
    return acked;
  }

  @Override
  public void close() throws InterruptedException {
    channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
  }
}
