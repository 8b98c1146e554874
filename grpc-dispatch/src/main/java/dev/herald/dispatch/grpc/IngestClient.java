package dev.herald.dispatch.grpc;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import dev.herald.core.envelope.FieldViolation;
import dev.herald.core.envelope.InvalidEnvelopeException;
import dev.herald.proto.event.v1.EventEnvelope;
import dev.herald.proto.ingest.v1.IngestServiceGrpc;
import dev.herald.proto.ingest.v1.PublishBatchRequest;
import dev.herald.proto.ingest.v1.PublishBatchResponse;
import dev.herald.proto.ingest.v1.PublishRequest;
import dev.herald.proto.ingest.v1.PublishResponse;
import io.grpc.CallCredentials;
import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.StatusProto;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * A client of a remote Herald's ingest API ({@code herald.ingest.v1.IngestService}): publishes
 * envelopes under a publisher token, each call under a deadline. A refused envelope fails its
 * future with {@link InvalidEnvelopeException} naming every bad field, as a local publish does.
 */
public final class IngestClient implements AutoCloseable {

  private final IngestServiceGrpc.IngestServiceFutureStub stub;
  private final Duration deadline;
  private final Optional<ManagedChannel> owned;

  private IngestClient(
      Channel channel, String token, Duration deadline, Optional<ManagedChannel> owned) {
    requireNonNull(channel, "channel");
    checkToken(token);
    this.deadline = requireNonNull(deadline, "deadline");
    if (deadline.isNegative() || deadline.isZero()) {
      throw new IllegalArgumentException("deadline: " + deadline + " (expected: > 0)");
    }
    this.stub = IngestServiceGrpc.newFutureStub(channel).withCallCredentials(new Bearer(token));
    this.owned = owned;
  }

  /**
   * Returns a client of the Herald listening at {@code host:port} in plain text (a loopback or
   * otherwise protected network), which owns and closes its channel.
   */
  public static IngestClient connect(String host, int port, String token, Duration deadline) {
    checkToken(token); // before a channel is opened
    ManagedChannel channel = NettyChannelBuilder.forAddress(host, port).usePlaintext().build();
    return new IngestClient(channel, token, deadline, Optional.of(channel));
  }

  /**
   * Returns a client over {@code channel} (TLS, load balancing and its lifetime are the caller's),
   * which it does not close.
   */
  public static IngestClient over(Channel channel, String token, Duration deadline) {
    return new IngestClient(channel, token, deadline, Optional.empty());
  }

  /** Publishes one event; the future completes with its id once the remote Herald stored it. */
  public CompletableFuture<String> publish(EventEnvelope event) {
    requireNonNull(event, "event");
    return call(stub.withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS)
            .publish(PublishRequest.newBuilder().setEvent(event).build()))
        .thenApply(PublishResponse::getEventId);
  }

  /** Publishes up to 1000 events, all or none; completes with their ids once all are stored. */
  public CompletableFuture<List<String>> publishBatch(List<EventEnvelope> events) {
    requireNonNull(events, "events");
    return call(stub.withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS)
            .publishBatch(PublishBatchRequest.newBuilder().addAllEvents(events).build()))
        .thenApply(PublishBatchResponse::getEventIdsList);
  }

  private static <T> CompletableFuture<T> call(ListenableFuture<T> call) {
    CompletableFuture<T> answered = CallFutures.completable(call);
    CompletableFuture<T> mapped = new CompletableFuture<>();
    answered.whenComplete(
        (value, failure) -> {
          if (failure == null) {
            mapped.complete(value);
          } else {
            mapped.completeExceptionally(refusal(failure));
          }
        });
    return mapped;
  }

  /** Turns INVALID_ARGUMENT with field violations back into the local exception type. */
  private static Throwable refusal(Throwable failure) {
    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
    com.google.rpc.Status status = StatusProto.fromThrowable(cause);
    if (status == null || status.getCode() != Status.Code.INVALID_ARGUMENT.value()) {
      return cause;
    }
    for (Any detail : status.getDetailsList()) {
      if (detail.is(BadRequest.class)) {
        try {
          List<FieldViolation> violations =
              detail.unpack(BadRequest.class).getFieldViolationsList().stream()
                  .map(v -> new FieldViolation(v.getField(), v.getDescription()))
                  .toList();
          if (!violations.isEmpty()) {
            InvalidEnvelopeException refused = new InvalidEnvelopeException(violations);
            refused.addSuppressed(cause);
            return refused;
          }
        } catch (InvalidProtocolBufferException e) {
          return cause;
        }
      }
    }
    return cause;
  }

  private static void checkToken(String token) {
    requireNonNull(token, "token");
    if (token.isBlank()) {
      throw new IllegalArgumentException("token: blank (expected: a publisher token)");
    }
  }

  /** Closes the channel if this client opened it. */
  @Override
  public void close() throws InterruptedException {
    if (owned.isPresent()) {
      owned.get().shutdown().awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  /** Sends the publisher token as {@code authorization: Bearer <token>} on every call. */
  private static final class Bearer extends CallCredentials {
    private static final Metadata.Key<String> AUTHORIZATION =
        Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final String token;

    Bearer(String token) {
      this.token = token;
    }

    @Override
    public void applyRequestMetadata(
        RequestInfo requestInfo, Executor appExecutor, MetadataApplier applier) {
      Metadata headers = new Metadata();
      headers.put(AUTHORIZATION, "Bearer " + token);
      applier.apply(headers);
    }
  }
}
