package dev.herald.dispatch.grpc;

import static java.util.Objects.requireNonNull;

import dev.herald.proto.plugin.v1.DescribeRequest;
import dev.herald.proto.plugin.v1.DescribeResponse;
import dev.herald.proto.plugin.v1.PluginServiceGrpc;
import io.grpc.Channel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Asks a freshly started plugin to describe itself. */
public final class PluginDescriber {

  private PluginDescriber() {}

  /**
   * Calls {@code Describe} under {@code deadline} and returns the plugin's answer; the future fails
   * with a {@link io.grpc.StatusRuntimeException} when the call does.
   */
  public static CompletableFuture<DescribeResponse> describe(
      Channel channel, int protocolVersion, String hostVersion, Duration deadline) {
    requireNonNull(channel, "channel");
    requireNonNull(hostVersion, "hostVersion");
    requireNonNull(deadline, "deadline");
    if (protocolVersion < 1) {
      throw new IllegalArgumentException(
          "protocolVersion: " + protocolVersion + " (expected: >= 1)");
    }
    if (!deadline.isPositive()) {
      throw new IllegalArgumentException("deadline: " + deadline + " (expected: > 0)");
    }
    DescribeRequest request =
        DescribeRequest.newBuilder()
            .setProtocolVersion(protocolVersion)
            .setHostVersion(hostVersion)
            .build();
    return CallFutures.completable(
        PluginServiceGrpc.newFutureStub(channel)
            .withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS)
            .describe(request));
  }
}
