package dev.herald.host.admin;

import static java.util.Objects.requireNonNull;

import com.linecorp.armeria.common.RequestContext;
import com.linecorp.armeria.common.grpc.GrpcExceptionHandlerFunction;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last word on a failed call: what {@code delegate} cannot name (a bug, a lost database) is
 * logged with its stack trace and answered INTERNAL (REST 500) with a message that says where to
 * look, rather than a bare UNKNOWN that leaves the operator nothing to go on.
 */
final class UnexpectedErrors implements GrpcExceptionHandlerFunction {

  private static final Logger log = LoggerFactory.getLogger(UnexpectedErrors.class);

  private final GrpcExceptionHandlerFunction delegate;

  UnexpectedErrors(GrpcExceptionHandlerFunction delegate) {
    this.delegate = requireNonNull(delegate, "delegate");
  }

  @Override
  public Status apply(RequestContext ctx, Status status, Throwable cause, Metadata metadata) {
    Status mapped = delegate.apply(ctx, status, cause, metadata);
    boolean unnamed =
        mapped != null
            && mapped.getCode() == Status.Code.UNKNOWN
            && cause != null
            // A status a service threw, even UNKNOWN, is its own choice.
            && !(cause instanceof StatusRuntimeException)
            && !(cause instanceof StatusException);
    if (!unnamed) {
      return mapped;
    }
    log.error("{} failed unexpectedly", ctx.method() + " " + ctx.path(), cause);
    return Status.INTERNAL.withDescription(
        "internal error (" + cause.getClass().getSimpleName() + "); Herald's log has the details");
  }
}
