package dev.herald.bench;

import dev.herald.proto.plugin.v1.DeliverRequest;
import dev.herald.proto.plugin.v1.DeliverResponse;
import dev.herald.proto.plugin.v1.PluginServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The plugin baseline: grpc-java's async stub calling Deliver with the same request over one
 * channel (direct executor, as Herald's plugin channels), a fixed number of calls under way, each
 * with a deadline; no database, no bookkeeping.
 */
final class RawGrpcLoop implements AutoCloseable {

  private final ManagedChannel channel;
  private final PluginServiceGrpc.PluginServiceStub stub;
  private final DeliverRequest request;

  RawGrpcLoop(String address, DeliverRequest request) {
    this.channel = NettyChannelBuilder.forTarget(address).usePlaintext().directExecutor().build();
    this.stub = PluginServiceGrpc.newStub(channel);
    this.request = request;
  }

  /** Makes {@code total} calls, {@code concurrency} at a time; returns the elapsed nanoseconds. */
  long run(int total, int concurrency) throws InterruptedException {
    AtomicInteger started = new AtomicInteger();
    AtomicLong failed = new AtomicLong();
    CountDownLatch done = new CountDownLatch(total);
    long start = System.nanoTime();
    for (int i = 0; i < concurrency; i++) {
      next(started, total, failed, done);
    }
    if (!done.await(5, TimeUnit.MINUTES)) {
      throw new IllegalStateException("raw gRPC loop: " + done.getCount() + " calls unanswered");
    }
    long elapsed = System.nanoTime() - start;
    if (failed.get() > 0) {
      throw new IllegalStateException("raw gRPC loop: " + failed.get() + " calls failed");
    }
    return elapsed;
  }

  private void next(AtomicInteger started, int total, AtomicLong failed, CountDownLatch done) {
    if (started.getAndIncrement() >= total) {
      return;
    }
    stub.withDeadlineAfter(10, TimeUnit.SECONDS)
        .deliver(
            request,
            new StreamObserver<>() {
              @Override
              public void onNext(DeliverResponse response) {
                if (response.getOutcome() != DeliverResponse.Outcome.ACK) {
                  failed.incrementAndGet();
                }
              }

              @Override
              public void onError(Throwable t) {
                failed.incrementAndGet();
                finished();
              }

              @Override
              public void onCompleted() {
                finished();
              }

              private void finished() {
                done.countDown();
                next(started, total, failed, done);
              }
            });
  }

  @Override
  public void close() throws InterruptedException {
    channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
  }
}
