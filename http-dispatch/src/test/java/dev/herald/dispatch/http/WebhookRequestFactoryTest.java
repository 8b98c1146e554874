package dev.herald.dispatch.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.RequestHeaders;
import dev.herald.core.envelope.FieldViolation;
import dev.herald.core.envelope.TraceContext;
import dev.herald.core.webhook.EndpointStatus;
import dev.herald.core.webhook.StaticHeaders;
import dev.herald.core.webhook.WebhookEndpoint;
import dev.herald.core.webhook.WebhookSecret;
import dev.herald.proto.event.v1.EventEnvelope;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Covers the headers of the request built for one attempt. */
class WebhookRequestFactoryTest {

  private static final WebhookEndpoint ENDPOINT =
      new WebhookEndpoint(
          "ep",
          "",
          "https://receiver.example/hook",
          WebhookSecret.parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
          EndpointStatus.ACTIVE,
          Duration.ofSeconds(5),
          1,
          List.of(),
          WebhookEndpoint.Source.API);
  private static final String TRACEPARENT =
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
  private static final EventEnvelope ENVELOPE =
      EventEnvelope.newBuilder()
          .setEventId("evt-1")
          .setCorrelationId("corr-1")
          .setTraceparent(TRACEPARENT)
          .setTracestate("rojo=00f067aa0ba902b7,congo=t61rcWkgMzE")
          .build();

  private final WebhookRequestFactory factory = new WebhookRequestFactory("herald-test");

  @Test
  void everyHeaderHeraldSetsIsOneAStaticHeaderMayNotTake() {
    RequestHeaders sent = create(ENDPOINT).headers();

    List<String> names =
        sent.names().stream().map(Object::toString).filter(name -> !name.startsWith(":")).toList();
    assertThat(names)
        .contains(
            WebhookHeaders.WEBHOOK_ID,
            WebhookHeaders.CORRELATION_ID,
            TraceContext.TRACEPARENT,
            TraceContext.TRACESTATE);
    for (String name : names) {
      List<FieldViolation> found = StaticHeaders.violations("headers", Map.of(name, "x"));
      assertThat(found)
          .as(name)
          .extracting(FieldViolation::field)
          .containsExactly("headers." + name);
    }
  }

  @Test
  void addsTheStaticHeadersAsDeclared() {
    RequestHeaders sent =
        create(ENDPOINT.withHeaders(Map.of("X-Tenant", "acme", "Authorization", "Bearer t")))
            .headers();

    assertThat(sent.get("x-tenant")).isEqualTo("acme");
    assertThat(sent.get("authorization")).isEqualTo("Bearer t");
    assertThat(sent.get(WebhookHeaders.WEBHOOK_ID)).isEqualTo("evt-1");
  }

  @Test
  void passesTheEventsTraceContextOnAndLeavesAnInvalidOneOut() {
    RequestHeaders sent = create(ENDPOINT).headers();
    assertThat(sent.get("traceparent")).isEqualTo(TRACEPARENT);
    assertThat(sent.get("tracestate")).isEqualTo("rojo=00f067aa0ba902b7,congo=t61rcWkgMzE");

    RequestHeaders untraced =
        create(ENDPOINT, ENVELOPE.toBuilder().clearTraceparent().build()).headers();
    assertThat(untraced.contains("traceparent")).isFalse();
    assertThat(untraced.contains("tracestate")).as("no state without a parent").isFalse();

    RequestHeaders zeroTrace =
        create(
                ENDPOINT,
                ENVELOPE.toBuilder()
                    .setTraceparent("00-00000000000000000000000000000000-00f067aa0ba902b7-01")
                    .build())
            .headers();
    assertThat(zeroTrace.contains("traceparent")).isFalse();
  }

  private HttpRequest create(WebhookEndpoint endpoint) {
    return create(endpoint, ENVELOPE);
  }

  private HttpRequest create(WebhookEndpoint endpoint, EventEnvelope envelope) {
    return factory.create(endpoint, envelope, "{}".getBytes(StandardCharsets.UTF_8), 1_700_000_000);
  }
}
