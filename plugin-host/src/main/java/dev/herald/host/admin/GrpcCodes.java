package dev.herald.host.admin;

import com.linecorp.armeria.common.HttpStatus;
import io.grpc.Status;

/** How the plain HTTP services outside gRPC answer a gRPC status: as transcoded REST does. */
final class GrpcCodes {

  private GrpcCodes() {}

  /** Returns the HTTP status of a gRPC status code (500 for those a caller cannot act on). */
  static HttpStatus httpStatus(Status.Code code) {
    return switch (code) {
      case INVALID_ARGUMENT -> HttpStatus.BAD_REQUEST;
      case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
      case PERMISSION_DENIED -> HttpStatus.FORBIDDEN;
      case NOT_FOUND -> HttpStatus.NOT_FOUND;
      case ALREADY_EXISTS -> HttpStatus.CONFLICT;
      case RESOURCE_EXHAUSTED -> HttpStatus.TOO_MANY_REQUESTS;
      case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
      default -> HttpStatus.INTERNAL_SERVER_ERROR;
    };
  }
}
