package dev.herald.dispatch.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.dispatch.DeliveryOutcome;
import dev.herald.core.dispatch.DeliveryResult;
import dev.herald.proto.plugin.v1.DeliverResponse;
import dev.herald.proto.plugin.v1.DeliverResponse.Outcome;
import io.grpc.Status;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PluginOutcomesTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(3);

  @ParameterizedTest
  @EnumSource(value = Status.Code.class, names = "OK", mode = EnumSource.Mode.EXCLUDE)
  void everyFailedCallIsRetriedOrRejectedWithItsCode(Status.Code code) {
    DeliveryResult result = PluginOutcomes.failed(code.toStatus().asRuntimeException(), TIMEOUT);

    assertThat(result.grpcCode()).isEqualTo(code.name());
    assertThat(result.errorClass()).isNotBlank();
    assertThat(result.errorMessage()).startsWith(code.name());
    assertThat(result.outcome())
        .isInstanceOf(
            PluginOutcomes.REJECTING.contains(code)
                ? DeliveryOutcome.Rejected.class
                : DeliveryOutcome.Retry.class);
  }

  @Test
  void transportFailureIsRetriedAndNamesItsCause() {
    Throwable failure =
        new CompletionException(
            Status.UNAVAILABLE
                .withDescription("io exception")
                .withCause(new ConnectException("Connection refused"))
                .asRuntimeException());

    DeliveryResult result = PluginOutcomes.failed(failure, TIMEOUT);

    assertThat(result.outcome()).isEqualTo(DeliveryOutcome.Retry.now());
    assertThat(result.grpcCode()).isEqualTo("UNAVAILABLE");
    assertThat(result.errorClass()).isEqualTo("transport");
    assertThat(result.errorMessage())
        .isEqualTo("UNAVAILABLE: io exception (ConnectException: Connection refused)");
  }

  @Test
  void exceptionOutsideTheCallIsRetriedWithoutACode() {
    DeliveryResult result = PluginOutcomes.failed(new IllegalStateException("stub broke"), TIMEOUT);

    assertThat(result.outcome()).isEqualTo(DeliveryOutcome.Retry.now());
    assertThat(result.grpcCode()).isNull();
    assertThat(result.errorClass()).isEqualTo("error");
    assertThat(result.errorMessage()).isEqualTo("IllegalStateException: stub broke");
  }

  @Test
  void longReasonIsCapped() {
    String reason = "x".repeat(PluginOutcomes.MAX_MESSAGE_CHARS - 1) + "🦉" + "tail";

    DeliveryResult result =
        PluginOutcomes.answered(
            DeliverResponse.newBuilder().setOutcome(Outcome.REJECT).setReason(reason).build());

    // The cut falls inside the owl's surrogate pair, so the whole owl goes.
    assertThat(result.errorMessage())
        .isEqualTo("x".repeat(PluginOutcomes.MAX_MESSAGE_CHARS - 1) + "…");
  }

  @Test
  void ackReasonIsKeptAsTheExcerpt() {
    DeliveryResult result =
        PluginOutcomes.answered(
            DeliverResponse.newBuilder().setOutcome(Outcome.ACK).setReason("stored as #7").build());

    assertThat(result.outcome()).isInstanceOf(DeliveryOutcome.Delivered.class);
    assertThat(result.grpcCode()).isEqualTo("OK");
    assertThat(result.errorMessage()).isNull();
    assertThat(result.responseExcerpt()).isEqualTo("stored as #7");
  }

  @Test
  void retryAfterIsCappedAtADay() {
    DeliveryResult result =
        PluginOutcomes.answered(
            DeliverResponse.newBuilder()
                .setOutcome(Outcome.RETRY)
                .setRetryAfter(
                    com.google.protobuf.Duration.newBuilder()
                        .setSeconds(Long.MAX_VALUE)
                        .setNanos(999_999_999))
                .build());

    assertThat(result.outcome())
        .isEqualTo(new DeliveryOutcome.Retry(Optional.of(Duration.ofHours(24))));
  }
}
