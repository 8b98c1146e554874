package dev.herald.dispatch.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import com.linecorp.armeria.client.ClientFactory;
import com.linecorp.armeria.common.SessionProtocol;
import dev.herald.core.dispatch.DeliveryAttempt;
import dev.herald.core.dispatch.DeliveryOutcome;
import dev.herald.core.dispatch.DeliveryResult;
import dev.herald.core.dispatch.TargetRef;
import dev.herald.core.envelope.EnvelopeJson;
import dev.herald.core.outbox.OutboxEvent;
import dev.herald.core.route.Subscription;
import dev.herald.core.route.SubscriptionIndex;
import dev.herald.core.rule.BodyTransform;
import dev.herald.core.rule.ContentPattern;
import dev.herald.core.rule.EventDocuments;
import dev.herald.core.webhook.EndpointStatus;
import dev.herald.core.webhook.WebhookBodies;
import dev.herald.core.webhook.WebhookEndpoint;
import dev.herald.core.webhook.WebhookSecret;
import dev.herald.dispatch.http.testing.StandardWebhooksVerifier;
import dev.herald.proto.event.v1.EventEnvelope;
import dev.herald.proto.event.v1.Subject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Delivers to a real Armeria server on 127.0.0.1 and asserts on what the receiver saw and on the
 * result; one subclass per HTTP protocol the client speaks.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractHttpWebhookDispatcherIT {

  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  static final Duration WAIT = Duration.ofSeconds(20);

  @RegisterExtension static final DispatcherTestReceiver server = new DispatcherTestReceiver(NOW);

  private final Map<String, WebhookEndpoint> endpoints = new ConcurrentHashMap<>();
  private final EnvelopeJson envelopeJson = EnvelopeJson.withoutTypedPayloads();
  private final Map<String, BodyTransform> transforms = new ConcurrentHashMap<>();
  private final StandardWebhooksVerifier verifier = new StandardWebhooksVerifier(SECRET, CLOCK);
  private ClientFactory clientFactory;
  private HttpWebhookDispatcher dispatcher;

  /** Returns a new client factory speaking the protocol under test. */
  abstract ClientFactory newClientFactory();

  /** Returns the protocol the receiver should see. */
  abstract SessionProtocol expectedProtocol();

  @BeforeAll
  void startClient() {
    clientFactory = newClientFactory();
    dispatcher = newDispatcher(CLOCK, HttpDispatchSettings.ofDefaults());
  }

  @AfterAll
  void closeClient() {
    clientFactory.close();
  }

  @BeforeEach
  void forgetEarlierRequests() {
    server.forget();
    endpoints.clear();
    transforms.clear();
  }

  @Test
  void deliversTheTransformedBodySignedOverWhatWasSent() throws Exception {
    transforms.put(
        "ep-ok", BodyTransform.parse("{id: event_id, who: subject.id, type: event_type}"));
    EventEnvelope envelope = envelope("");

    DeliveryResult result = dispatch(dispatcher, endpoint("ep-ok", "/ok"), envelope);

    assertThat(result.outcome()).isEqualTo(new DeliveryOutcome.Delivered());
    Received request = nextRequest();
    assertThat(new String(request.body(), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"id\":\"" + envelope.getEventId() + "\",\"who\":\"u-1\",\"type\":\"user.created\"}");
    verifier.verify(request::header, request.body());
  }

  @Test
  void aTransformSelectingNothingDeliversNull() throws Exception {
    transforms.put("ep-ok", BodyTransform.parse("payload.nothing"));

    DeliveryResult result = dispatch(dispatcher, endpoint("ep-ok", "/ok"), envelope(""));

    assertThat(result.outcome()).isEqualTo(new DeliveryOutcome.Delivered());
    Received request = nextRequest();
    assertThat(new String(request.body(), StandardCharsets.UTF_8)).isEqualTo("null");
    verifier.verify(request::header, request.body());
  }

  @Test
  void aTransformFailingOnTheEventIsRejectedWithTheReasonAndNothingIsSent() throws Exception {
    transforms.put("ep-ok", BodyTransform.parse("abs(event_type)"));

    DeliveryResult result = dispatch(dispatcher, endpoint("ep-ok", "/ok"), envelope(""));

    assertThat(result.outcome()).isInstanceOf(DeliveryOutcome.Rejected.class);
    assertThat(result.errorClass()).isEqualTo(HttpWebhookDispatcher.TRANSFORM_FAILED);
    assertThat(result.errorMessage()).contains("abs(event_type)").contains("failed on this event");
    assertThat(server.nothingMoreReceived()).isTrue();
  }

  @Test
  void deliversSignedJsonThatAStandardWebhooksReceiverAccepts() throws Exception {
    EventEnvelope envelope = envelope("");

    DeliveryResult result = dispatch(dispatcher, endpoint("ep-ok", "/ok"), envelope);

    assertThat(result.outcome()).isEqualTo(new DeliveryOutcome.Delivered());
    assertThat(result.httpStatus()).isEqualTo(200);
    assertThat(result.responseExcerpt()).isEqualTo("thanks");
    Received request = nextRequest();
    assertThat(request.protocol()).isEqualTo(expectedProtocol());
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/ok");
    assertThat(request.body())
        .isEqualTo(envelopeJson.render(envelope).getBytes(StandardCharsets.UTF_8));
    assertThat(request.header("content-type")).isEqualTo("application/json");
    assertThat(request.header("webhook-id")).isEqualTo(envelope.getEventId());
    assertThat(request.header("idempotency-key")).isEqualTo(envelope.getEventId());
    assertThat(request.header("webhook-timestamp")).isEqualTo(Long.toString(NOW.getEpochSecond()));
    assertThat(request.header("user-agent")).isEqualTo(HttpDispatchSettings.defaultUserAgent());
    assertThat(request.header("x-correlation-id")).isNull();
    verifier.verify(request::header, request.body());
    verifier.verifyReauth(request.header("reauth-signature"), request.body());
    assertThat(request.header("reauth-signature")).startsWith("t=" + NOW.getEpochSecond() + ",v1=");
  }

  @Test
  void sendsTheCorrelationIdOnlyWhenTheEnvelopeHasOne() throws Exception {
    WebhookEndpoint endpoint = endpoint("ep-ok", "/ok");

    dispatch(dispatcher, endpoint, envelope("corr-42"));
    dispatch(dispatcher, endpoint, envelope(""));

    assertThat(nextRequest().header("x-correlation-id")).isEqualTo("corr-42");
    assertThat(nextRequest().header("x-correlation-id")).isNull();
  }

  @Test
  void sendsTheEndpointsStaticHeadersOnEveryAttempt() throws Exception {
    WebhookEndpoint endpoint =
        endpoint("ep-ok", "/ok")
            .withHeaders(Map.of("X-Tenant", "acme", "Authorization", "Bearer t0ken"));
    EventEnvelope envelope = envelope("");

    dispatch(dispatcher, endpoint, envelope);
    dispatch(dispatcher, endpoint, envelope);

    for (Received request : List.of(nextRequest(), nextRequest())) {
      assertThat(request.header("x-tenant")).isEqualTo("acme");
      assertThat(request.header("authorization")).isEqualTo("Bearer t0ken");
      verifier.verify(request::header, request.body());
    }
  }

  @Test
  void heraldsOwnHeadersWinOverAStoredStaticHeaderOfTheSameName() throws Exception {
    // Validation refuses reserved names; this covers a row written before a name became reserved.
    WebhookEndpoint endpoint =
        endpoint("ep-ok", "/ok")
            .withHeaders(Map.of("Webhook-Id", "forged", "Content-Type", "text/plain"));
    EventEnvelope envelope = envelope("");

    dispatch(dispatcher, endpoint, envelope);

    Received request = nextRequest();
    assertThat(request.header("webhook-id")).isEqualTo(envelope.getEventId());
    assertThat(request.header("content-type")).isEqualTo("application/json");
    verifier.verify(request::header, request.body());
  }

  @Test
  void everyAttemptIsSignedAtItsOwnTimeUnderTheSameId() throws Exception {
    WebhookEndpoint endpoint = endpoint("ep-ok", "/ok");
    HttpWebhookDispatcher aMinuteLater =
        newDispatcher(
            Clock.offset(CLOCK, Duration.ofMinutes(1)), HttpDispatchSettings.ofDefaults());
    EventEnvelope envelope = envelope("");

    dispatch(dispatcher, endpoint, envelope);
    dispatch(aMinuteLater, endpoint, envelope);

    Received first = nextRequest();
    Received retry = nextRequest();
    assertThat(retry.header("webhook-id")).isEqualTo(first.header("webhook-id"));
    assertThat(retry.header("idempotency-key")).isEqualTo(first.header("idempotency-key"));
    assertThat(Long.parseLong(retry.header("webhook-timestamp")))
        .isEqualTo(Long.parseLong(first.header("webhook-timestamp")) + 60);
    assertThat(retry.body()).isEqualTo(first.body());
    verifier.verify(retry::header, retry.body());
  }

  @Test
  void aServerErrorIsRetriedWithItsStatusAndExcerpt() throws Exception {
    DeliveryResult result = dispatch(dispatcher, endpoint("ep-error", "/error"), envelope(""));

    assertThat(result.outcome()).isEqualTo(DeliveryOutcome.Retry.now());
    assertThat(result.httpStatus()).isEqualTo(500);
    assertThat(result.responseExcerpt()).isEqualTo("boom");
    assertThat(result.errorClass()).isEqualTo("http_5xx");
    assertThat(result.errorMessage()).isEqualTo("HTTP 500 Internal Server Error");
  }

  @Test
  void goneMeansTheEndpointIsGone() throws Exception {
    DeliveryResult result = dispatch(dispatcher, endpoint("ep-gone", "/gone"), envelope(""));

    assertThat(result.outcome()).isInstanceOf(DeliveryOutcome.Gone.class);
    assertThat(result.httpStatus()).isEqualTo(410);
  }

  @Test
  void tooManyRequestsIsRetriedAfterTheSecondsItAsksFor() throws Exception {
    DeliveryResult result = dispatch(dispatcher, endpoint("ep-busy", "/busy"), envelope(""));

    assertThat(result.outcome())
        .isEqualTo(new DeliveryOutcome.Retry(Optional.of(Duration.ofSeconds(7))));
    assertThat(result.httpStatus()).isEqualTo(429);
  }

  @Test
  void unavailableIsRetriedAtTheDateItAsksForByTheInjectedClock() throws Exception {
    DeliveryResult result =
        dispatch(dispatcher, endpoint("ep-unavailable", "/unavailable"), envelope(""));

    assertThat(result.outcome())
        .isEqualTo(new DeliveryOutcome.Retry(Optional.of(Duration.ofMinutes(2))));
    assertThat(result.httpStatus()).isEqualTo(503);
  }

  @Test
  void redirectsAreNeverFollowed() throws Exception {
    DeliveryResult result =
        dispatch(dispatcher, endpoint("ep-redirect", "/redirect"), envelope(""));

    assertThat(result.outcome()).isEqualTo(DeliveryOutcome.Retry.now());
    assertThat(result.httpStatus()).isEqualTo(302);
    assertThat(result.errorClass()).isEqualTo("redirect");
    assertThat(result.errorMessage()).contains(server.redirectTarget());
    assertThat(nextRequest().path()).isEqualTo("/redirect");
    assertThat(server.nothingMoreReceived()).isTrue();
    assertThat(server.redirectTargetHits()).isZero();
  }

  @Test
  void anEndpointThatDoesNotAnswerInTimeIsRetried() throws Exception {
    WebhookEndpoint slow = endpoint("ep-hang", "/hang", Duration.ofMillis(300));

    DeliveryResult result = dispatch(dispatcher, slow, envelope(""));

    assertThat(result.outcome()).isEqualTo(DeliveryOutcome.Retry.now());
    assertThat(result.errorClass()).isEqualTo("timeout");
    assertThat(result.errorMessage()).startsWith("no response within PT0.3S");
    assertThat(result.httpStatus()).isNull();
  }

  @Test
  void aHugeSuccessIsDeliveredWithTheExcerptCappedOnACharacterBoundary() throws Exception {
    DeliveryResult result = dispatch(dispatcher, endpoint("ep-big", "/big"), envelope(""));

    assertThat(result.outcome()).isEqualTo(new DeliveryOutcome.Delivered());
    assertThat(result.httpStatus()).isEqualTo(200);
    assertThat(result.responseExcerpt()).isEqualTo("a" + "é".repeat(511));
    assertThat(result.responseExcerpt().getBytes(StandardCharsets.UTF_8)).hasSize(1023);
    // The connection pool is still usable after a response was cut short.
    assertThat(dispatch(dispatcher, endpoint("ep-ok", "/ok"), envelope("")).outcome())
        .isEqualTo(new DeliveryOutcome.Delivered());
  }

  @Test
  void theExcerptHoldsAtMostTheConfiguredBytes() throws Exception {
    HttpWebhookDispatcher tenBytes =
        newDispatcher(CLOCK, HttpDispatchSettings.ofDefaults().withExcerptBytes(10));

    DeliveryResult result =
        dispatch(tenBytes, endpoint("ep-big-error", "/big-error"), envelope(""));

    assertThat(result.outcome()).isEqualTo(DeliveryOutcome.Retry.now());
    assertThat(result.httpStatus()).isEqualTo(500);
    assertThat(result.responseExcerpt()).isEqualTo("a" + "é".repeat(4));
  }

  @Test
  void aDeletedEndpointIsRejectedWithoutARequest() throws Exception {
    DeliveryResult result =
        dispatcher
            .dispatch(new DeliveryAttempt(1, 1, TargetRef.webhook("ep-deleted"), envelope("")))
            .get(WAIT.toSeconds(), TimeUnit.SECONDS);

    assertThat(result.outcome()).isInstanceOf(DeliveryOutcome.Rejected.class);
    assertThat(result.errorClass()).isEqualTo("endpoint_missing");
    assertThat(server.nothingMoreReceived()).isTrue();
  }

  @Test
  void aRefusedConnectionIsRetried() throws Exception {
    WebhookEndpoint nobodyListening =
        endpointAt(
            "ep-refused", "http://127.0.0.1:" + unusedPort() + "/hook", Duration.ofSeconds(5));

    DeliveryResult result = dispatch(dispatcher, nobodyListening, envelope(""));

    assertThat(result.outcome()).isEqualTo(DeliveryOutcome.Retry.now());
    assertThat(result.errorClass()).isEqualTo("connect");
    assertThat(result.errorMessage()).isNotBlank();
    assertThat(result.httpStatus()).isNull();
  }

  private HttpWebhookDispatcher newDispatcher(Clock clock, HttpDispatchSettings settings) {
    Function<String, Optional<WebhookEndpoint>> lookup =
        id -> Optional.ofNullable(endpoints.get(id));
    WebhookBodies bodies = WebhookBodies.selectedBy(this::selection, envelopeJson);
    return new HttpWebhookDispatcher(lookup, clock, bodies, clientFactory, settings);
  }

  // A real index over one subscription per endpoint, reshaping the body when a test says so.
  private SubscriptionIndex.Selection selection(String endpointId, EventEnvelope envelope) {
    TargetRef target = TargetRef.webhook(endpointId);
    Optional<BodyTransform> transform = Optional.ofNullable(transforms.get(endpointId));
    return SubscriptionIndex.of(
            Map.of(target, List.of(new Everything(transform))), new EventDocuments(envelopeJson))
        .select(target, envelope);
  }

  private record Everything(Optional<BodyTransform> transform) implements Subscription {

    @Override
    public boolean selects(OutboxEvent event) {
      return true;
    }

    @Override
    public Optional<ContentPattern> contentPattern() {
      return Optional.empty();
    }
  }

  private DeliveryResult dispatch(
      HttpWebhookDispatcher through, WebhookEndpoint endpoint, EventEnvelope envelope)
      throws Exception {
    endpoints.put(endpoint.id(), endpoint);
    return through
        .dispatch(new DeliveryAttempt(1, 1, endpoint.target(), envelope))
        .get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  private static Received nextRequest() throws InterruptedException {
    return server.nextRequest(WAIT);
  }

  private static WebhookEndpoint endpoint(String id, String path) {
    return endpoint(id, path, Duration.ofSeconds(10));
  }

  private static WebhookEndpoint endpoint(String id, String path, Duration timeout) {
    return endpointAt(id, server.httpUri().resolve(path).toString(), timeout);
  }

  private static WebhookEndpoint endpointAt(String id, String url, Duration timeout) {
    return new WebhookEndpoint(
        id,
        "",
        url,
        WebhookSecret.parse(SECRET),
        EndpointStatus.ACTIVE,
        timeout,
        4,
        List.of(),
        WebhookEndpoint.Source.API);
  }

  /** Returns the user.created event the dispatcher ITs deliver, with a correlation id. */
  static EventEnvelope envelope(String correlationId) {
    return EventEnvelope.newBuilder()
        .setEventId("0195a3c2-7b1e-7c4d-9a3f-2b8e4d6f1a90")
        .setEventType("user.created")
        .setEventVersion(1)
        .setOccurredAt(Timestamp.newBuilder().setSeconds(NOW.getEpochSecond() - 5))
        .setSource("urn:herald:test:realms/acme")
        .setRealmId("acme")
        .setSubject(Subject.newBuilder().setType("user").setId("u-1"))
        .setSequence(3)
        .setCorrelationId(correlationId)
        .setJsonPayload("{\"user_id\":\"u-1\",\"display_name\":\"Zoë Ünal\"}")
        .build();
  }

  private static int unusedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
