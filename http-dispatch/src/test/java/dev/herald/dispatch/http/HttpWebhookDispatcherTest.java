package dev.herald.dispatch.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Any;
import com.linecorp.armeria.client.ClientFactory;
import dev.herald.core.dispatch.DeliveryAttempt;
import dev.herald.core.dispatch.DeliveryOutcome;
import dev.herald.core.dispatch.DeliveryResult;
import dev.herald.core.dispatch.TargetRef;
import dev.herald.core.envelope.EnvelopeJson;
import dev.herald.core.net.AddressPolicy;
import dev.herald.core.webhook.EndpointStatus;
import dev.herald.core.webhook.WebhookBodies;
import dev.herald.core.webhook.WebhookEndpoint;
import dev.herald.core.webhook.WebhookSecret;
import dev.herald.proto.event.v1.EventEnvelope;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Covers the attempts the dispatcher settles without sending anything. */
class HttpWebhookDispatcherTest {

  private static final ClientFactory clientFactory =
      WebhookClientFactory.builder(AddressPolicy.allowing(List.of("127.0.0.1"))).build();
  private static final EventEnvelope ENVELOPE =
      EventEnvelope.newBuilder().setEventId("evt-1").setEventType("user.created").build();

  private final Map<String, WebhookEndpoint> endpoints =
      Map.of(
          "valid", endpoint("valid", "http://127.0.0.1:9/hook"),
          "ftp", endpoint("ftp", "ftp://example.invalid/hook"),
          "no-host", endpoint("no-host", "http:///hook"));
  private final HttpWebhookDispatcher dispatcher =
      new HttpWebhookDispatcher(
          id -> Optional.ofNullable(endpoints.get(id)),
          Clock.systemUTC(),
          WebhookBodies.untransformed(EnvelopeJson.withoutTypedPayloads()),
          clientFactory,
          HttpDispatchSettings.ofDefaults());

  @AfterAll
  static void closeClientFactory() {
    clientFactory.close();
  }

  @Test
  void refusesAClientFactoryWithoutAnAddressGuard() {
    try (ClientFactory unguarded = ClientFactory.builder().build()) {
      assertThatThrownBy(
              () ->
                  new HttpWebhookDispatcher(
                      id -> Optional.empty(),
                      Clock.systemUTC(),
                      WebhookBodies.untransformed(EnvelopeJson.withoutTypedPayloads()),
                      unguarded,
                      HttpDispatchSettings.ofDefaults()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("clientFactory: its address resolution is not guarded");
    }
  }

  @Test
  void servesWebhooks() {
    assertThat(dispatcher.kind()).isEqualTo("webhook");
  }

  @Test
  void rejectsAnEndpointThatNoLongerExists() throws Exception {
    DeliveryResult result = dispatch(TargetRef.webhook("deleted"), ENVELOPE);

    assertThat(result.outcome())
        .isEqualTo(new DeliveryOutcome.Rejected("webhook endpoint 'deleted' no longer exists"));
    assertThat(result.errorClass()).isEqualTo("endpoint_missing");
  }

  @Test
  void rejectsATargetOfAnotherKind() throws Exception {
    DeliveryResult result = dispatch(new TargetRef(TargetRef.PLUGIN, "valid"), ENVELOPE);

    assertThat(result.outcome()).isInstanceOf(DeliveryOutcome.Rejected.class);
    assertThat(result.errorClass()).isEqualTo("wrong_target_kind");
  }

  @Test
  void rejectsAnEventItCannotRender() throws Exception {
    EventEnvelope typed =
        ENVELOPE.toBuilder()
            .setProtoPayload(Any.newBuilder().setTypeUrl("type.googleapis.com/unknown.Type"))
            .build();

    DeliveryResult result = dispatch(TargetRef.webhook("valid"), typed);

    assertThat(result.outcome()).isInstanceOf(DeliveryOutcome.Rejected.class);
    assertThat(result.errorClass()).isEqualTo("unrenderable");
  }

  @Test
  void aFailingLookupIsRetriedRatherThanThrown() throws Exception {
    HttpWebhookDispatcher broken =
        new HttpWebhookDispatcher(
            id -> {
              throw new IllegalStateException("directory unavailable");
            },
            Clock.systemUTC(),
            WebhookBodies.untransformed(EnvelopeJson.withoutTypedPayloads()),
            clientFactory,
            HttpDispatchSettings.ofDefaults());

    DeliveryResult result =
        broken
            .dispatch(new DeliveryAttempt(7, 1, TargetRef.webhook("valid"), ENVELOPE))
            .get(10, TimeUnit.SECONDS);

    assertThat(result.outcome()).isEqualTo(DeliveryOutcome.Retry.now());
    assertThat(result.errorClass()).isEqualTo("error");
    assertThat(result.errorMessage()).contains("directory unavailable");
  }

  @Test
  void retriesWhileTheEndpointUrlCannotBeUsed() throws Exception {
    for (String id : List.of("ftp", "no-host")) {
      DeliveryResult result = dispatch(TargetRef.webhook(id), ENVELOPE);

      assertThat(result.outcome()).isEqualTo(DeliveryOutcome.Retry.now());
      assertThat(result.errorClass()).isEqualTo("invalid_url");
      assertThat(result.errorMessage()).startsWith("url: ");
    }
  }

  private DeliveryResult dispatch(TargetRef target, EventEnvelope envelope) throws Exception {
    return dispatcher
        .dispatch(new DeliveryAttempt(7, 1, target, envelope))
        .get(10, TimeUnit.SECONDS);
  }

  private static WebhookEndpoint endpoint(String id, String url) {
    return new WebhookEndpoint(
        id,
        "",
        url,
        WebhookSecret.generate(new SecureRandom()),
        EndpointStatus.ACTIVE,
        Duration.ofSeconds(5),
        1,
        List.of(),
        WebhookEndpoint.Source.API);
  }
}
