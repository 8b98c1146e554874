package dev.herald.host.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.grpc.GrpcExceptionHandlerFunction;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.grpc.Metadata;
import io.grpc.Status;
import org.junit.jupiter.api.Test;

class UnexpectedErrorsTest {

  private final UnexpectedErrors errors = new UnexpectedErrors(GrpcExceptionHandlerFunction.of());
  private final ServiceRequestContext ctx =
      ServiceRequestContext.of(HttpRequest.of(HttpMethod.POST, "/api/v1/webhooks/crm:pause"));

  @Test
  void anExceptionNoOneMapsIsInternalAndSaysWhereToLook() {
    Status status =
        errors.apply(
            ctx, Status.UNKNOWN, new IllegalStateException("zip file closed"), new Metadata());

    assertThat(status.getCode()).isEqualTo(Status.Code.INTERNAL);
    assertThat(status.getDescription())
        .isEqualTo("internal error (IllegalStateException); Herald's log has the details");
  }

  @Test
  void aStatusAServiceChoseStaysAsItIs() {
    Status status =
        errors.apply(
            ctx,
            Status.PERMISSION_DENIED.withDescription("no"),
            Status.PERMISSION_DENIED.withDescription("no").asRuntimeException(),
            new Metadata());

    assertThat(status.getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(status.getDescription()).isEqualTo("no");
  }
}
