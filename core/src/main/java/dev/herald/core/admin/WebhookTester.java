package dev.herald.core.admin;

import static java.util.Objects.requireNonNull;

import dev.herald.core.dispatch.DeliveryAttempt;
import dev.herald.core.dispatch.DeliveryResult;
import dev.herald.core.dispatch.Dispatcher;
import dev.herald.core.dispatch.TargetRef;
import dev.herald.core.envelope.EnvelopeFactory;
import dev.herald.core.envelope.InvalidEnvelopeException;
import dev.herald.core.limit.KeyedRateLimiter;
import dev.herald.core.limit.Rate;
import dev.herald.core.webhook.WebhookEndpoint;
import dev.herald.proto.event.v1.EventEnvelope;
import dev.herald.proto.event.v1.Purpose;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Sends a purpose=TEST event to one endpoint straight through the webhook dispatcher, outside the
 * outbox and the router (a test is not a domain event), and waits for the answer. A test takes a
 * permit from the endpoint's rate limit like any delivery; without one it is refused, not sent.
 */
public final class WebhookTester {

  /** The event type of a test event when the operator names none. */
  public static final String DEFAULT_EVENT_TYPE = "herald.webhook.tested";

  /** The payload of a test event when the operator gives none. */
  public static final String DEFAULT_PAYLOAD = "{\"test\":true}";

  /** What the endpoint made of the test event. */
  public record Result(String eventId, DeliveryResult result, Duration latency) {
    public Result {
      requireNonNull(eventId, "eventId");
      requireNonNull(result, "result");
      requireNonNull(latency, "latency");
    }
  }

  private final Dispatcher dispatcher;
  private final EnvelopeFactory events;
  private final Consumer<EventEnvelope> validator;
  private final KeyedRateLimiter<TargetRef> rateLimits;

  /**
   * Creates a tester sending through {@code dispatcher} (the webhook one), under the router's
   * {@code rateLimits}.
   */
  public WebhookTester(
      Dispatcher dispatcher,
      EnvelopeFactory events,
      Consumer<EventEnvelope> validator,
      KeyedRateLimiter<TargetRef> rateLimits) {
    this.dispatcher = requireNonNull(dispatcher, "dispatcher");
    this.events = requireNonNull(events, "events");
    this.validator = requireNonNull(validator, "validator");
    this.rateLimits = requireNonNull(rateLimits, "rateLimits");
  }

  /**
   * Sends the test event and returns the attempt's result once the endpoint answered.
   *
   * @throws AdminException RESOURCE_EXHAUSTED when the endpoint's rate limit has no permit now
   */
  public Result send(WebhookEndpoint endpoint, String eventType, String jsonPayload) {
    EventEnvelope envelope =
        events
            .json(
                eventType.isEmpty() ? DEFAULT_EVENT_TYPE : eventType,
                endpoint.realmId(),
                jsonPayload.isEmpty() ? DEFAULT_PAYLOAD : jsonPayload)
            .toBuilder()
            .setPurpose(Purpose.PURPOSE_TEST)
            .build();
    try {
      validator.accept(envelope);
    } catch (InvalidEnvelopeException e) {
      throw AdminException.invalid(e.violations());
    }
    Duration wait = rateLimits.tryTake(endpoint.target(), 1);
    if (!wait.isZero()) {
      throw AdminException.exhausted(
          "webhook '"
              + endpoint.id()
              + "' is at its rate limit of "
              + endpoint.rateLimit().map(Rate::toString).orElse("?")
              + "; the test event was not sent",
          wait);
    }
    long start = System.nanoTime();
    DeliveryResult result;
    try {
      result =
          dispatcher
              .dispatch(new DeliveryAttempt(0, 1, endpoint.target(), envelope))
              .get(endpoint.timeout().plusSeconds(5).toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      result = DeliveryResult.retryAfterError("timeout", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CompletionException(e);
    } catch (java.util.concurrent.ExecutionException e) {
      result = DeliveryResult.retryAfterError("dispatcher", e.getCause());
    }
    return new Result(envelope.getEventId(), result, Duration.ofNanos(System.nanoTime() - start));
  }
}
