package dev.herald.host.admin;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.RetryInfo;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.RequestContext;
import com.linecorp.armeria.common.grpc.GrpcExceptionHandlerFunction;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.herald.core.admin.AdminException;
import dev.herald.core.bus.BusOverflowException;
import dev.herald.core.envelope.FieldViolation;
import dev.herald.host.config.ConfigException;
import dev.herald.host.plugin.ManifestException;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.protobuf.ProtoUtils;

/**
 * Maps {@link AdminException}s (and a config file or manifest that no longer loads, a full bus) to
 * gRPC statuses; a request over a rate limit or quota carries {@code Retry-After} and a {@code
 * google.rpc.RetryInfo}; invalid arguments carry a {@code google.rpc.BadRequest} with one field
 * violation per bad field, which REST clients get in the JSON error body's {@code details}.
 */
final class AdminErrorMapping implements GrpcExceptionHandlerFunction {

  // The trailer grpc-java's StatusProto reads and Armeria's JSON error body renders.
  private static final Metadata.Key<com.google.rpc.Status> DETAILS =
      Metadata.Key.of(
          "grpc-status-details-bin",
          ProtoUtils.metadataMarshaller(com.google.rpc.Status.getDefaultInstance()));

  @Override
  public Status apply(RequestContext ctx, Status status, Throwable cause, Metadata metadata) {
    if (cause instanceof ConfigException || cause instanceof ManifestException) {
      return Status.FAILED_PRECONDITION.withDescription(cause.getMessage());
    }
    if (cause instanceof BusOverflowException) {
      return Status.RESOURCE_EXHAUSTED.withDescription(
          "the outbox queue is full; nothing was stored, publish again later");
    }
    if (!(cause instanceof AdminException e)) {
      return null;
    }
    Status mapped =
        switch (e.kind()) {
          case INVALID_ARGUMENT -> Status.INVALID_ARGUMENT;
          case NOT_FOUND -> Status.NOT_FOUND;
          case ALREADY_EXISTS -> Status.ALREADY_EXISTS;
          case FAILED_PRECONDITION -> Status.FAILED_PRECONDITION;
          case RESOURCE_EXHAUSTED -> Status.RESOURCE_EXHAUSTED;
        };
    mapped = mapped.withDescription(e.getMessage());
    if (e.retryAfter().isPresent()) {
      // REST clients get 429 with Retry-After; gRPC clients the header and a RetryInfo detail.
      long seconds = AdminException.retryAfterSeconds(e.retryAfter().get());
      if (ctx instanceof ServiceRequestContext service) {
        service.addAdditionalResponseHeader(HttpHeaderNames.RETRY_AFTER, Long.toString(seconds));
      }
      metadata.put(
          DETAILS,
          com.google.rpc.Status.newBuilder()
              .setCode(mapped.getCode().value())
              .setMessage(e.getMessage())
              .addDetails(
                  Any.pack(
                      RetryInfo.newBuilder()
                          .setRetryDelay(
                              com.google.protobuf.Duration.newBuilder().setSeconds(seconds))
                          .build()))
              .build());
    }
    if (!e.violations().isEmpty()) {
      BadRequest.Builder badRequest = BadRequest.newBuilder();
      for (FieldViolation violation : e.violations()) {
        badRequest
            .addFieldViolationsBuilder()
            .setField(violation.field())
            .setDescription(violation.reason());
      }
      metadata.put(
          DETAILS,
          com.google.rpc.Status.newBuilder()
              .setCode(mapped.getCode().value())
              .setMessage(e.getMessage())
              .addDetails(Any.pack(badRequest.build()))
              .build());
    }
    return mapped;
  }
}
