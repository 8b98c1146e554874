package dev.herald.core.route;

import static java.util.Objects.requireNonNull;

import dev.herald.core.dispatch.DeliveryOutcome;
import dev.herald.core.dispatch.DeliveryResult;
import dev.herald.core.retry.RetryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;

/** Turns an attempt's result into the delivery's next state, following the retry policy. */
final class OutcomeDecider {

  private final RetryPolicy retryPolicy;
  private final Clock clock;
  private final RandomGenerator random;

  OutcomeDecider(RetryPolicy retryPolicy, Clock clock, RandomGenerator random) {
    this.retryPolicy = requireNonNull(retryPolicy, "retryPolicy");
    this.clock = requireNonNull(clock, "clock");
    this.random = requireNonNull(random, "random");
  }

  AttemptRecord decide(
      ClaimedDelivery delivery, DeliveryResult result, Instant startedAt, long latencyMicros) {
    return switch (result.outcome()) {
      case DeliveryOutcome.Delivered delivered ->
          record(delivery, result, startedAt, latencyMicros, DeliveryStatus.SUCCEEDED, null, null);
      case DeliveryOutcome.Retry retry ->
          retryOrDead(delivery, result, startedAt, latencyMicros, retry.after());
      case DeliveryOutcome.Rejected rejected ->
          dead(delivery, result, startedAt, latencyMicros, "rejected: " + rejected.reason());
      case DeliveryOutcome.Gone gone ->
          dead(delivery, result, startedAt, latencyMicros, "target gone: " + gone.reason());
    };
  }

  private AttemptRecord retryOrDead(
      ClaimedDelivery delivery,
      DeliveryResult result,
      Instant startedAt,
      long latencyMicros,
      Optional<Duration> hint) {
    Optional<Duration> delay = retryPolicy.delayAfter(delivery.attempt(), hint, random);
    String error = describe(result);
    if (delay.isEmpty()) {
      return dead(
          delivery,
          result,
          startedAt,
          latencyMicros,
          "retries exhausted after " + delivery.attempt() + " attempts: " + error);
    }
    Instant next = clock.instant().plus(delay.get());
    return record(
        delivery, result, startedAt, latencyMicros, DeliveryStatus.SCHEDULED, next, error);
  }

  private static AttemptRecord dead(
      ClaimedDelivery delivery,
      DeliveryResult result,
      Instant startedAt,
      long latencyMicros,
      String error) {
    return record(delivery, result, startedAt, latencyMicros, DeliveryStatus.DEAD, null, error);
  }

  private static AttemptRecord record(
      ClaimedDelivery delivery,
      DeliveryResult result,
      Instant startedAt,
      long latencyMicros,
      DeliveryStatus next,
      Instant nextAttemptAt,
      String error) {
    return new AttemptRecord(
        delivery, result, startedAt, latencyMicros, next, nextAttemptAt, error);
  }

  private static String describe(DeliveryResult result) {
    StringBuilder text = new StringBuilder();
    if (result.httpStatus() != null) {
      text.append("HTTP ").append(result.httpStatus());
    }
    if (result.grpcCode() != null) {
      text.append(text.isEmpty() ? "" : " ").append("gRPC ").append(result.grpcCode());
    }
    if (result.errorMessage() != null) {
      text.append(text.isEmpty() ? "" : ": ").append(result.errorMessage());
    }
    return text.isEmpty() ? "failed" : text.toString();
  }
}
