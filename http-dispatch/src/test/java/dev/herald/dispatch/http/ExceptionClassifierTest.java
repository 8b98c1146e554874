package dev.herald.dispatch.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.linecorp.armeria.client.ResponseTimeoutException;
import com.linecorp.armeria.client.UnprocessedRequestException;
import com.linecorp.armeria.common.ClosedSessionException;
import dev.herald.core.dispatch.DeliveryOutcome;
import dev.herald.core.dispatch.DeliveryResult;
import dev.herald.core.net.AddressDenial;
import dev.herald.core.net.AddressPolicy;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class ExceptionClassifierTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(3);

  @Test
  void namesTheKindOfFailure() {
    assertThat(errorClass(UnprocessedRequestException.of(new ConnectException("refused"))))
        .isEqualTo("connect");
    assertThat(errorClass(new CompletionException(ResponseTimeoutException.get())))
        .isEqualTo("timeout");
    assertThat(
            errorClass(
                UnprocessedRequestException.of(new io.netty.channel.ConnectTimeoutException())))
        .isEqualTo("timeout");
    assertThat(errorClass(new CompletionException(ClosedSessionException.get()))).isEqualTo("io");
    assertThat(errorClass(new UnknownHostException("nowhere.invalid"))).isEqualTo("dns");
    assertThat(errorClass(new IllegalStateException("factory closed"))).isEqualTo("error");
  }

  @Test
  void aBlockedAddressIsFinalHoweverItIsWrapped() throws Exception {
    AddressDenial denial =
        AddressPolicy.denyByDefault()
            .check("metadata.test", InetAddress.getByName("169.254.169.254"))
            .orElseThrow();

    DeliveryResult result =
        ExceptionClassifier.classify(
            new CompletionException(
                UnprocessedRequestException.of(new BlockedAddressException(denial))),
            TIMEOUT);

    assertThat(result.outcome()).isInstanceOf(DeliveryOutcome.Rejected.class);
    assertThat(result.errorClass()).isEqualTo("blocked_address");
    assertThat(result.errorMessage())
        .isEqualTo(
            "'metadata.test' resolves to 169.254.169.254: cloud metadata (denied; expected: a"
                + " public address, or an allow-listed one)");
  }

  @Test
  void retriesOtherFailuresWithAMessage() {
    DeliveryResult result =
        ExceptionClassifier.classify(
            UnprocessedRequestException.of(new ConnectException("Connection refused")), TIMEOUT);

    assertThat(result.outcome()).isEqualTo(DeliveryOutcome.Retry.now());
    assertThat(result.errorMessage()).isEqualTo("ConnectException: Connection refused");
    assertThat(result.httpStatus()).isNull();
    assertThat(ExceptionClassifier.classify(ResponseTimeoutException.get(), TIMEOUT).errorMessage())
        .startsWith("no response within PT3S");
  }

  private static String errorClass(Throwable failure) {
    return ExceptionClassifier.classify(failure, TIMEOUT).errorClass();
  }
}
