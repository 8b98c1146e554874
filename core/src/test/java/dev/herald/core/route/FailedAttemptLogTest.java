package dev.herald.core.route;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.herald.core.dispatch.DeliveryResult;
import dev.herald.core.dispatch.TargetRef;
import dev.herald.core.testing.SettableClock;
import dev.herald.proto.event.v1.EventEnvelope;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Failed attempts as warnings: with the delivery's context, at most one a minute per target. */
class FailedAttemptLogTest {

  private static final TargetRef BILLING = TargetRef.webhook("billing");
  private static final EventEnvelope EVENT =
      EventEnvelope.newBuilder()
          .setEventId("0190a5e4-7c3b-7def-8a12-3456789abcde")
          .setRealmId("acme")
          .setCorrelationId("req-7")
          .build();

  private final SettableClock clock = SettableClock.atEpoch2026();
  private final FailedAttemptLog failures = new FailedAttemptLog(clock);
  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(FailedAttemptLog.class);

  @BeforeEach
  void capture() {
    lines.start();
    logger.addAppender(lines);
  }

  @AfterEach
  void release() {
    logger.detachAppender(lines);
  }

  private AttemptRecord failed(long deliveryId, TargetRef target) {
    return new AttemptRecord(
        new ClaimedDelivery(deliveryId, 1, EVENT.getEventId(), target, 2),
        DeliveryResult.retry(null, "http_5xx", "HTTP 503"),
        clock.instant(),
        1_000,
        DeliveryStatus.SCHEDULED,
        clock.instant().plusSeconds(5),
        "HTTP 503");
  }

  private static Map<String, Object> pairs(ILoggingEvent line) {
    return line.getKeyValuePairs().stream().collect(Collectors.toMap(p -> p.key, p -> p.value));
  }

  @Test
  void aFailedAttemptIsLoggedWithItsContextThenHeldBackForAMinuteAndCounted() {
    failures.attempted(failed(42, BILLING), EVENT);
    failures.attempted(failed(43, BILLING), EVENT);
    failures.attempted(failed(44, TargetRef.webhook("crm")), EVENT);
    clock.advance(Duration.ofMinutes(1));
    failures.attempted(failed(45, BILLING), EVENT);

    assertThat(lines.list).hasSize(3);
    ILoggingEvent first = lines.list.getFirst();
    assertThat(first.getFormattedMessage())
        .startsWith("Attempt 2 of delivery 42 to webhook:billing failed (http_5xx: HTTP 503)");
    assertThat(pairs(first))
        .containsEntry("target", "webhook:billing")
        .containsEntry("delivery_id", 42L)
        .containsEntry("event_id", EVENT.getEventId())
        .containsEntry("realm", "acme")
        .containsEntry("correlation_id", "req-7")
        .containsEntry("held_back", 0L);
    ILoggingEvent afterAMinute = lines.list.get(2);
    assertThat(pairs(afterAMinute))
        .containsEntry("delivery_id", 45L)
        .containsEntry("held_back", 1L);
    assertThat(afterAMinute.getFormattedMessage()).contains("1 earlier failures");
  }

  @Test
  void successesAreNotLogged() {
    AttemptRecord ok =
        new AttemptRecord(
            new ClaimedDelivery(1, 1, EVENT.getEventId(), BILLING, 1),
            DeliveryResult.delivered(),
            clock.instant(),
            500,
            DeliveryStatus.SUCCEEDED,
            null,
            null);

    failures.attempted(ok, EVENT);

    assertThat(lines.list).isEmpty();
  }
}
