package dev.herald.dispatch.http;

import static java.util.Objects.requireNonNull;

import com.linecorp.armeria.client.ClientFactory;
import com.linecorp.armeria.client.RequestOptions;
import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.client.redirect.RedirectConfig;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.SplitHttpResponse;
import dev.herald.core.dispatch.DeliveryAttempt;
import dev.herald.core.dispatch.DeliveryResult;
import dev.herald.core.dispatch.Dispatcher;
import dev.herald.core.dispatch.TargetRef;
import dev.herald.core.logging.LogKeys;
import dev.herald.core.net.AddressDenial;
import dev.herald.core.net.AddressPolicy;
import dev.herald.core.net.UrlHost;
import dev.herald.core.rule.TransformFailedException;
import dev.herald.core.webhook.WebhookBodies;
import dev.herald.core.webhook.WebhookEndpoint;
import dev.herald.proto.event.v1.EventEnvelope;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers events to webhook endpoints as Standard Webhooks: a signed JSON POST per attempt, never
 * following redirects, classified by status without blocking the caller. Every target address is
 * checked against the {@link AddressPolicy} of the client factory: a literal one before anything is
 * sent, a host name by the factory's guarded resolver, which connects only to the address it
 * checked. A denied address fails the attempt for good with error class {@code blocked_address}.
 */
public final class HttpWebhookDispatcher implements Dispatcher {

  /** The error class of an attempt refused because its target address is denied. */
  public static final String BLOCKED_ADDRESS = "blocked_address";

  /** The error class of an attempt whose subscription's transformation failed on the event. */
  public static final String TRANSFORM_FAILED = "transform_failed";

  private static final Logger log = LoggerFactory.getLogger(HttpWebhookDispatcher.class);

  private final Function<String, Optional<WebhookEndpoint>> endpoints;
  private final Clock clock;
  private final BodyRenderer bodies;
  private final HttpDispatchSettings settings;
  private final WebClient client;
  private final WebhookRequestFactory requests;
  private final ResponseClassifier classifier;
  private final AddressPolicy addresses;

  /**
   * Creates a dispatcher that finds endpoints through {@code endpoints}, renders Herald's JSON body
   * with {@code bodies} (a CloudEvents endpoint gets the event as a CloudEvent instead), stamps
   * attempts with {@code clock} and sends through {@code clientFactory}, which the caller owns and
   * closes; it must come from {@link WebhookClientFactory#builder}, whose policy it applies.
   *
   * @throws IllegalArgumentException when {@code clientFactory} is not guarded by a policy
   */
  public HttpWebhookDispatcher(
      Function<String, Optional<WebhookEndpoint>> endpoints,
      Clock clock,
      WebhookBodies bodies,
      ClientFactory clientFactory,
      HttpDispatchSettings settings) {
    this.endpoints = requireNonNull(endpoints, "endpoints");
    this.clock = requireNonNull(clock, "clock");
    this.bodies = new BodyRenderer(bodies);
    this.settings = requireNonNull(settings, "settings");
    requireNonNull(clientFactory, "clientFactory");
    this.addresses = WebhookClientFactory.policyOf(clientFactory);
    this.client =
        WebClient.builder()
            .factory(clientFactory)
            .followRedirects(RedirectConfig.disabled())
            .maxResponseLength(settings.maxResponseBytes())
            .build();
    this.requests = new WebhookRequestFactory(settings.userAgent());
    this.classifier = new ResponseClassifier(clock, settings.maxRetryAfter());
  }

  @Override
  public String kind() {
    return TargetRef.WEBHOOK;
  }

  @Override
  public CompletableFuture<DeliveryResult> dispatch(DeliveryAttempt attempt) {
    requireNonNull(attempt, "attempt");
    try {
      return send(attempt);
    } catch (RuntimeException e) {
      // A failing endpoint lookup or request builder must not throw into the router's loop.
      return done(DeliveryResult.retryAfterError("error", e));
    }
  }

  private CompletableFuture<DeliveryResult> send(DeliveryAttempt attempt) {
    TargetRef target = attempt.target();
    if (!TargetRef.WEBHOOK.equals(target.kind())) {
      return done(
          DeliveryResult.rejected(
              "wrong_target_kind",
              "target: " + target + " (expected: kind " + TargetRef.WEBHOOK + ")"));
    }
    Optional<WebhookEndpoint> found = endpoints.apply(target.id());
    if (found.isEmpty()) {
      return done(
          DeliveryResult.rejected(
              "endpoint_missing", "webhook endpoint '" + target.id() + "' no longer exists"));
    }
    WebhookEndpoint endpoint = found.get();
    EventEnvelope envelope = attempt.envelope();
    if (envelope.getEventId().isEmpty()) {
      return done(
          DeliveryResult.rejected("invalid_envelope", "event_id: empty (expected: non-empty)"));
    }
    String urlProblem = urlProblem(endpoint.url());
    if (urlProblem != null) {
      return done(DeliveryResult.retry(null, "invalid_url", urlProblem));
    }
    // The client connects to a well-formed literal without resolving it: check it here.
    Optional<AddressDenial> denied =
        addresses.checkLiteral(UrlHost.of(URI.create(endpoint.url())).orElseThrow());
    if (denied.isPresent()) {
      return done(blocked(target, denied.get().message()));
    }
    RenderedBody body;
    try {
      body = bodies.render(endpoint, envelope);
    } catch (TransformFailedException e) {
      // The same transformation fails the same way on every attempt: dead-letter with the reason.
      return done(DeliveryResult.rejected(TRANSFORM_FAILED, e.getMessage()));
    } catch (IllegalArgumentException e) {
      return done(DeliveryResult.rejected("unrenderable", e.getMessage()));
    }
    long timestampSeconds = clock.instant().getEpochSecond();
    Duration timeout = endpoint.timeout();
    HttpResponse response =
        client.execute(
            requests.create(endpoint, envelope, body, timestampSeconds),
            RequestOptions.builder().responseTimeout(timeout).build());
    return classify(response, timeout)
        .thenApply(
            result ->
                BLOCKED_ADDRESS.equals(result.errorClass())
                    ? blocked(target, result.errorMessage())
                    : result);
  }

  private static DeliveryResult blocked(TargetRef target, String reason) {
    log.atWarn()
        .addKeyValue(LogKeys.TARGET, target.toString())
        .log("Webhook {} not sent, its address is denied: {}", target.id(), reason);
    return DeliveryResult.rejected(BLOCKED_ADDRESS, reason);
  }

  private CompletableFuture<DeliveryResult> classify(HttpResponse response, Duration timeout) {
    SplitHttpResponse split = response.split();
    return split
        .headers()
        .thenCompose(
            headers ->
                BodyExcerptReader.read(split.body(), settings.excerptBytes())
                    .thenApply(prefix -> classifier.classify(headers, Utf8Excerpt.decode(prefix))))
        .exceptionally(failure -> ExceptionClassifier.classify(failure, timeout));
  }

  private static String urlProblem(String url) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme();
      if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
        return "url: " + url + " (expected: an http or https URL)";
      }
      if (UrlHost.of(uri).isEmpty()) {
        return "url: " + url + " (expected: a host)";
      }
      return null;
    } catch (URISyntaxException e) {
      return "url: " + url + " (" + e.getMessage() + ")";
    }
  }

  private static CompletableFuture<DeliveryResult> done(DeliveryResult result) {
    return CompletableFuture.completedFuture(result);
  }
}
