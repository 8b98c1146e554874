package dev.herald.dispatch.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import com.google.protobuf.StringValue;
import com.linecorp.armeria.client.ClientFactory;
import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.testing.junit5.server.ServerExtension;
import dev.herald.core.dispatch.DeliveryAttempt;
import dev.herald.core.dispatch.DeliveryOutcome;
import dev.herald.core.dispatch.DeliveryResult;
import dev.herald.core.envelope.EnvelopeJson;
import dev.herald.core.net.AddressPolicy;
import dev.herald.core.webhook.EndpointStatus;
import dev.herald.core.webhook.WebhookBodies;
import dev.herald.core.webhook.WebhookBodyFormat;
import dev.herald.core.webhook.WebhookEndpoint;
import dev.herald.core.webhook.WebhookSecret;
import dev.herald.dispatch.http.testing.StandardWebhooksVerifier;
import dev.herald.proto.event.v1.EventEnvelope;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.message.MessageReader;
import io.cloudevents.http.HttpMessageFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Delivers to a real server on 127.0.0.1 in both CloudEvents modes and reads what arrived with the
 * SDK's own HTTP reader, as a CloudEvents receiver would; the Standard Webhooks signature must hold
 * over the bytes that arrived.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CloudEventsDeliveryIT {

  private static final Clock CLOCK = AbstractHttpWebhookDispatcherIT.CLOCK;
  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final Duration WAIT = Duration.ofSeconds(20);
  // What the other dispatcher ITs deliver, with a correlation id a header must percent-encode.
  private static final EventEnvelope ENVELOPE =
      AbstractHttpWebhookDispatcherIT.envelope("req 1 \"ü\"");

  private static final BlockingQueue<AggregatedHttpRequest> received = new LinkedBlockingQueue<>();

  @RegisterExtension
  static final ServerExtension server =
      new ServerExtension() {
        @Override
        protected void configure(ServerBuilder sb) {
          sb.http(new InetSocketAddress("127.0.0.1", 0));
          sb.service(
              "/ce",
              (ctx, req) ->
                  HttpResponse.of(
                      req.aggregate()
                          .thenApply(
                              aggregated -> {
                                received.add(aggregated);
                                return HttpResponse.of("thanks");
                              })));
        }
      };

  private final StandardWebhooksVerifier verifier = new StandardWebhooksVerifier(SECRET, CLOCK);
  private ClientFactory clientFactory;
  private HttpWebhookDispatcher dispatcher;
  private WebhookEndpoint endpoint;

  @BeforeAll
  void startClient() {
    clientFactory =
        WebhookClientFactory.builder(AddressPolicy.allowing(List.of("127.0.0.1"))).build();
    dispatcher =
        new HttpWebhookDispatcher(
            id -> Optional.ofNullable(endpoint),
            CLOCK,
            WebhookBodies.untransformed(EnvelopeJson.withoutTypedPayloads()),
            clientFactory,
            HttpDispatchSettings.ofDefaults());
  }

  @AfterAll
  void closeClient() {
    clientFactory.close();
  }

  @BeforeEach
  void forget() {
    received.clear();
  }

  @Test
  void structuredModeIsOneCloudEventTheSdkReads() throws Exception {
    AggregatedHttpRequest request = deliver(WebhookBodyFormat.CLOUDEVENTS_STRUCTURED, ENVELOPE);

    assertThat(request.contentType().toString()).startsWith("application/cloudevents+json");
    assertHeraldsEvent(read(request));
    verifier.verify(request.headers()::get, request.content().array());
  }

  @Test
  void binaryModeCarriesTheDataAsTheBodyAndTheAttributesAsHeaders() throws Exception {
    AggregatedHttpRequest request = deliver(WebhookBodyFormat.CLOUDEVENTS_BINARY, ENVELOPE);

    assertThat(request.headers().get("ce-id")).isEqualTo(ENVELOPE.getEventId());
    assertThat(request.headers().get("ce-specversion")).isEqualTo("1.0");
    assertThat(request.headers().get("ce-correlationid")).isEqualTo("req%201%20%22%C3%BC%22");
    assertThat(request.contentType().toString()).startsWith("application/json");
    assertThat(request.contentUtf8()).isEqualTo(ENVELOPE.getJsonPayload());
    assertHeraldsEvent(read(request));
    verifier.verify(request.headers()::get, request.content().array());
  }

  @Test
  void aTypedPayloadArrivesAsProtobufBytesWithItsTypeUrl() throws Exception {
    Any payload = Any.pack(StringValue.of("hello"));
    EventEnvelope typed = ENVELOPE.toBuilder().setProtoPayload(payload).build();

    for (WebhookBodyFormat format :
        List.of(WebhookBodyFormat.CLOUDEVENTS_STRUCTURED, WebhookBodyFormat.CLOUDEVENTS_BINARY)) {
      CloudEvent event = read(deliver(format, typed));

      assertThat(event.getDataContentType()).as(format.text()).isEqualTo("application/protobuf");
      assertThat(event.getDataSchema())
          .isEqualTo(URI.create("type.googleapis.com/google.protobuf.StringValue"));
      assertThat(event.getData().toBytes()).isEqualTo(payload.getValue().toByteArray());
    }
  }

  @Test
  void theHeraldFormatStaysTheEnvelopeAsJson() throws Exception {
    AggregatedHttpRequest request = deliver(WebhookBodyFormat.HERALD, ENVELOPE);

    assertThat(request.headers().get("ce-id")).isNull();
    assertThat(request.contentType().toString()).startsWith("application/json");
    assertThat(request.contentUtf8()).startsWith("{\"event_id\":\"" + ENVELOPE.getEventId());
  }

  private static void assertHeraldsEvent(CloudEvent event) {
    assertThat(event.getId()).isEqualTo(ENVELOPE.getEventId());
    assertThat(event.getType()).isEqualTo("user.created");
    assertThat(event.getSource()).isEqualTo(URI.create("urn:herald:test:realms/acme"));
    assertThat(event.getTime()).isEqualTo(OffsetDateTime.parse("2026-03-01T11:59:55Z"));
    assertThat(event.getSubject()).isEqualTo("u-1");
    assertThat(event.getDataContentType()).isEqualTo("application/json");
    assertThat(new String(event.getData().toBytes(), StandardCharsets.UTF_8))
        .isEqualToIgnoringWhitespace(ENVELOPE.getJsonPayload());
    assertThat(String.valueOf(event.getExtension("realmid"))).isEqualTo("acme");
    assertThat(String.valueOf(event.getExtension("sequence"))).isEqualTo("3");
    assertThat(String.valueOf(event.getExtension("partitionkey"))).isEqualTo("user/u-1");
    // The HTTP binding percent-encodes space, '"', '%' and non-ASCII in ce-* headers; the SDK's
    // reader (4.0.1) hands the value over still encoded, structured mode as it was.
    assertThat(
            URLDecoder.decode(
                String.valueOf(event.getExtension("correlationid")), StandardCharsets.UTF_8))
        .isEqualTo("req 1 \"ü\"");
  }

  private AggregatedHttpRequest deliver(WebhookBodyFormat format, EventEnvelope envelope)
      throws Exception {
    endpoint =
        new WebhookEndpoint(
                "ep-ce",
                "",
                server.httpUri().resolve("/ce").toString(),
                WebhookSecret.parse(SECRET),
                EndpointStatus.ACTIVE,
                Duration.ofSeconds(10),
                4,
                List.of(),
                WebhookEndpoint.Source.API)
            .withBodyFormat(format);
    DeliveryResult result =
        dispatcher
            .dispatch(new DeliveryAttempt(1, 1, endpoint.target(), envelope))
            .get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(result.outcome()).isEqualTo(new DeliveryOutcome.Delivered());
    AggregatedHttpRequest request = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(request).as("a request within " + WAIT).isNotNull();
    return request;
  }

  /** Reads the request as any CloudEvents receiver would: the SDK's HTTP reader, either mode. */
  private static CloudEvent read(AggregatedHttpRequest request) {
    MessageReader reader =
        HttpMessageFactory.createReader(
            each -> request.headers().forEach((name, value) -> each.accept(name.toString(), value)),
            request.content().array());
    return reader.toEvent();
  }
}
