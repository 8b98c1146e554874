package dev.herald.dispatch.grpc;

import static java.util.Objects.requireNonNull;

import dev.herald.core.dispatch.DeliveryAttempt;
import dev.herald.core.dispatch.DeliveryResult;
import dev.herald.core.dispatch.Dispatcher;
import dev.herald.core.dispatch.TargetRef;
import dev.herald.core.envelope.TraceContext;
import dev.herald.core.route.SubscriptionIndex.Selection;
import dev.herald.core.rule.TransformFailedException;
import dev.herald.proto.event.v1.EventEnvelope;
import dev.herald.proto.plugin.v1.DeliverRequest;
import dev.herald.proto.plugin.v1.PluginServiceGrpc;
import io.grpc.Channel;
import io.grpc.ClientInterceptor;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Delivers events to plugins with one unary {@code Deliver} call per attempt, under the plugin's
 * deadline, without blocking the caller. When the subscription that selects the event has a
 * transform, the plugin receives the envelope with its payload replaced by the transformed JSON
 * ({@code json_payload}); the rest of the envelope is as published.
 */
public final class GrpcPluginDispatcher implements Dispatcher {

  private static final Metadata.Key<String> TRACEPARENT =
      Metadata.Key.of(TraceContext.TRACEPARENT, Metadata.ASCII_STRING_MARSHALLER);
  private static final Metadata.Key<String> TRACESTATE =
      Metadata.Key.of(TraceContext.TRACESTATE, Metadata.ASCII_STRING_MARSHALLER);

  private final PluginChannels channels;
  private final Function<String, Optional<Duration>> timeouts;
  private final BiFunction<String, EventEnvelope, Selection> selections;

  /**
   * Creates a dispatcher that calls plugins over {@code channels} with the deadline {@code
   * timeouts} gives for each plugin id, empty for a plugin that is not configured, and the payload
   * shaped by the transform of the subscription {@code selections} finds for a plugin id and event.
   */
  public GrpcPluginDispatcher(
      PluginChannels channels,
      Function<String, Optional<Duration>> timeouts,
      BiFunction<String, EventEnvelope, Selection> selections) {
    this.channels = requireNonNull(channels, "channels");
    this.timeouts = requireNonNull(timeouts, "timeouts");
    this.selections = requireNonNull(selections, "selections");
  }

  @Override
  public String kind() {
    return TargetRef.PLUGIN;
  }

  @Override
  public CompletableFuture<DeliveryResult> dispatch(DeliveryAttempt attempt) {
    requireNonNull(attempt, "attempt");
    try {
      return send(attempt);
    } catch (RuntimeException e) {
      // A failing lookup or stub must not throw into the router's loop.
      return done(DeliveryResult.retryAfterError("error", e));
    }
  }

  private CompletableFuture<DeliveryResult> send(DeliveryAttempt attempt) {
    TargetRef target = attempt.target();
    if (!TargetRef.PLUGIN.equals(target.kind())) {
      return done(
          DeliveryResult.rejected(
              "wrong_target_kind",
              "target: " + target + " (expected: kind " + TargetRef.PLUGIN + ")"));
    }
    String pluginId = target.id();
    Optional<Duration> configured = timeouts.apply(pluginId);
    if (configured.isEmpty()) {
      return done(
          DeliveryResult.rejected("plugin_missing", "plugin '" + pluginId + "' is not configured"));
    }
    Duration timeout = configured.get();
    if (!timeout.isPositive()) {
      return done(
          DeliveryResult.retry(
              null, "invalid_timeout", "timeout: " + timeout + " (expected: > 0)"));
    }
    Optional<Channel> channel = channels.channel(pluginId);
    if (channel.isEmpty()) {
      return done(
          DeliveryResult.retry(
              null, "plugin_not_running", "plugin '" + pluginId + "' is not running"));
    }
    EventEnvelope envelope;
    try {
      envelope =
          selections.apply(pluginId, attempt.envelope()).withTransformedPayload(attempt.envelope());
    } catch (TransformFailedException e) {
      return done(DeliveryResult.rejected("transform_failed", e.getMessage()));
    } catch (IllegalArgumentException e) {
      // A typed payload this host cannot render: no pattern or transform can read it, ever.
      return done(DeliveryResult.rejected("unrenderable", e.getMessage()));
    }
    DeliverRequest request =
        DeliverRequest.newBuilder()
            .setDeliveryId(String.valueOf(attempt.deliveryId()))
            .setAttempt(attempt.attempt())
            .setEnvelope(envelope)
            .build();
    return CallFutures.completable(
            PluginServiceGrpc.newFutureStub(channel.get())
                .withDeadlineAfter(timeout.toNanos(), TimeUnit.NANOSECONDS)
                .withInterceptors(traceMetadata(attempt.envelope()))
                .deliver(request))
        .handle(
            (response, failure) ->
                failure == null
                    ? PluginOutcomes.answered(response)
                    : PluginOutcomes.failed(failure, timeout));
  }

  /** Sends the event's trace context as gRPC metadata, so the plugin's spans join its trace. */
  private static ClientInterceptor traceMetadata(EventEnvelope envelope) {
    Metadata metadata = new Metadata();
    TraceContext.of(envelope)
        .ifPresent(
            trace -> {
              metadata.put(TRACEPARENT, trace.traceparent());
              trace.tracestate().ifPresent(state -> metadata.put(TRACESTATE, state));
            });
    return MetadataUtils.newAttachHeadersInterceptor(metadata);
  }

  private static CompletableFuture<DeliveryResult> done(DeliveryResult result) {
    return CompletableFuture.completedFuture(result);
  }
}
