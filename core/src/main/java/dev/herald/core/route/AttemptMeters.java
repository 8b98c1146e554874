package dev.herald.core.route;

import static java.util.Objects.requireNonNull;

import dev.herald.core.dispatch.DeliveryOutcome;
import dev.herald.core.dispatch.DeliveryResult;
import dev.herald.core.dispatch.TargetRef;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Counts and times recorded attempts per target: attempts by outcome and error class, their
 * latency, retries scheduled, dead letters; and shows each attempted target's circuit breaker.
 * Meters are looked up once per target and kind, so recording an attempt costs a map look-up.
 */
final class AttemptMeters {

  // Histogram buckets for attempt latency: a webhook answers in milliseconds to its timeout.
  private static final Duration[] LATENCY_BUCKETS = {
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10),
    Duration.ofSeconds(30)
  };

  private record AttemptKind(String outcome, String errorClass) {}

  /** One target's meters. */
  private final class TargetMeters {
    final String target;
    final Timer latency;
    final Counter retries;
    final Counter deadLetters;
    final Map<AttemptKind, Counter> attempts = new ConcurrentHashMap<>();

    TargetMeters(TargetRef ref) {
      this.target = ref.key();
      this.latency =
          Timer.builder("herald.delivery.attempt.duration")
              .description("Time from the start of an attempt to its target's answer")
              .tag("target", target)
              .serviceLevelObjectives(LATENCY_BUCKETS)
              .register(registry);
      this.retries =
          Counter.builder("herald.delivery.retries.scheduled")
              .description("Failed attempts whose delivery was scheduled to be tried again")
              .tag("target", target)
              .register(registry);
      this.deadLetters =
          Counter.builder("herald.delivery.dead.letters")
              .description("Deliveries dead-lettered: rejected, gone, or out of retries")
              .tag("target", target)
              .register(registry);
      for (BreakerState state : BreakerState.values()) {
        Gauge.builder("herald.circuit.breaker.state", ref, t -> is(t, state))
            .description("1 for the state the target's circuit breaker is in on this node")
            .tags("target", target, "state", state.name().toLowerCase(Locale.ROOT))
            .strongReference(true)
            .register(registry);
      }
    }

    Counter attempts(AttemptKind kind) {
      return attempts.computeIfAbsent(
          kind,
          k ->
              Counter.builder("herald.delivery.attempts")
                  .description("Attempts whose outcome was recorded")
                  .tags("target", target, "outcome", k.outcome(), "error_class", k.errorClass())
                  .register(registry));
    }
  }

  private final MeterRegistry registry;
  private final Function<TargetRef, BreakerStatus> breakers;
  private final Map<TargetRef, TargetMeters> targets = new ConcurrentHashMap<>();

  AttemptMeters(MeterRegistry registry, Function<TargetRef, BreakerStatus> breakers) {
    this.registry = requireNonNull(registry, "registry");
    this.breakers = requireNonNull(breakers, "breakers");
  }

  /** Counts a batch of attempts whose outcomes were written. */
  void recorded(List<AttemptRecord> batch) {
    for (AttemptRecord attempt : batch) {
      TargetMeters meters = targets.computeIfAbsent(attempt.delivery().target(), TargetMeters::new);
      meters.attempts(kind(attempt.result())).increment();
      meters.latency.record(attempt.latencyMicros(), TimeUnit.MICROSECONDS);
      switch (attempt.next()) {
        case SCHEDULED -> meters.retries.increment();
        case DEAD -> meters.deadLetters.increment();
        default -> {}
      }
    }
  }

  private double is(TargetRef target, BreakerState state) {
    return breakers.apply(target).state() == state ? 1 : 0;
  }

  private static AttemptKind kind(DeliveryResult result) {
    String outcome =
        switch (result.outcome()) {
          case DeliveryOutcome.Delivered d -> "delivered";
          case DeliveryOutcome.Retry r -> "retry";
          case DeliveryOutcome.Rejected r -> "rejected";
          case DeliveryOutcome.Gone g -> "gone";
        };
    return new AttemptKind(outcome, result.errorClass() == null ? "none" : result.errorClass());
  }
}
