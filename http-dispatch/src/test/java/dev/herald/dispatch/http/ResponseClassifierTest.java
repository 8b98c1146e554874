package dev.herald.dispatch.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.ResponseHeaders;
import dev.herald.core.dispatch.DeliveryOutcome;
import dev.herald.core.dispatch.DeliveryResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResponseClassifierTest {

  private final ResponseClassifier classifier =
      new ResponseClassifier(
          Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC),
          Duration.ofMinutes(10));

  @Test
  void everySuccessStatusIsDelivered() {
    for (int code : new int[] {200, 201, 202, 204, 299}) {
      DeliveryResult result = classifier.classify(ResponseHeaders.of(code), "ok");

      assertThat(result.outcome()).isEqualTo(new DeliveryOutcome.Delivered());
      assertThat(result.httpStatus()).isEqualTo(code);
      assertThat(result.responseExcerpt()).isEqualTo("ok");
      assertThat(result.errorClass()).isNull();
    }
  }

  @Test
  void goneIsGone() {
    DeliveryResult result = classifier.classify(ResponseHeaders.of(HttpStatus.GONE), "");

    assertThat(result.outcome()).isInstanceOf(DeliveryOutcome.Gone.class);
    assertThat(result.httpStatus()).isEqualTo(410);
  }

  @Test
  void everyOtherStatusIsRetriedWithoutAHint() {
    for (int code : new int[] {400, 401, 404, 413, 422, 500, 502, 504}) {
      DeliveryResult result = classifier.classify(ResponseHeaders.of(code), "no");

      assertThat(result.outcome()).isEqualTo(new DeliveryOutcome.Retry(Optional.empty()));
      assertThat(result.httpStatus()).isEqualTo(code);
      assertThat(result.errorClass()).isEqualTo(code >= 500 ? "http_5xx" : "http_4xx");
      assertThat(result.errorMessage()).startsWith("HTTP " + code);
    }
  }

  @Test
  void retryAfterIsHonouredOnlyFor429And503AndCapped() {
    ResponseHeaders tooMany =
        ResponseHeaders.builder(HttpStatus.TOO_MANY_REQUESTS).add("retry-after", "3600").build();
    ResponseHeaders serverError =
        ResponseHeaders.builder(HttpStatus.INTERNAL_SERVER_ERROR).add("retry-after", "5").build();
    ResponseHeaders unavailable = ResponseHeaders.of(HttpStatus.SERVICE_UNAVAILABLE);

    assertThat(classifier.classify(tooMany, "").outcome())
        .isEqualTo(new DeliveryOutcome.Retry(Optional.of(Duration.ofMinutes(10))));
    assertThat(classifier.classify(serverError, "").outcome())
        .isEqualTo(DeliveryOutcome.Retry.now());
    assertThat(classifier.classify(unavailable, "").outcome())
        .isEqualTo(DeliveryOutcome.Retry.now());
    assertThat(classifier.classify(tooMany, "").errorClass()).isEqualTo("rate_limited");
    assertThat(classifier.classify(unavailable, "").errorClass()).isEqualTo("http_5xx");
  }

  @Test
  void aRedirectIsRetriedNamingItsLocation() {
    ResponseHeaders moved =
        ResponseHeaders.builder(HttpStatus.MOVED_PERMANENTLY)
            .add("location", "https://elsewhere.example/hook")
            .build();

    DeliveryResult result = classifier.classify(moved, "");

    assertThat(result.outcome()).isEqualTo(DeliveryOutcome.Retry.now());
    assertThat(result.errorClass()).isEqualTo("redirect");
    assertThat(result.errorMessage()).contains("https://elsewhere.example/hook");
  }
}
