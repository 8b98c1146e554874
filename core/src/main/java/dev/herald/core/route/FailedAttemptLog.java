package dev.herald.core.route;

import static dev.herald.core.logging.LogKeys.CORRELATION_ID;
import static dev.herald.core.logging.LogKeys.DELIVERY_ID;
import static dev.herald.core.logging.LogKeys.EVENT_ID;
import static dev.herald.core.logging.LogKeys.HELD_BACK;
import static dev.herald.core.logging.LogKeys.REALM;
import static dev.herald.core.logging.LogKeys.TARGET;

import dev.herald.core.logging.ThrottledWarnings;
import dev.herald.proto.event.v1.EventEnvelope;
import java.time.Duration;
import java.time.InstantSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Logs failed attempts as warnings with the delivery's context as key-value pairs, at most one line
 * per target and minute: a target that fails every attempt shows up once a minute with the count of
 * the failures not logged, instead of flooding the log.
 */
final class FailedAttemptLog {

  private static final Logger log = LoggerFactory.getLogger(FailedAttemptLog.class);

  private final ThrottledWarnings warnings;

  FailedAttemptLog(InstantSource clock) {
    this.warnings = new ThrottledWarnings(Duration.ofMinutes(1), clock);
  }

  /** Logs the attempt if it failed and its target had no failure logged in the last minute. */
  void attempted(AttemptRecord attempt, EventEnvelope envelope) {
    if (attempt.next() == DeliveryStatus.SUCCEEDED) {
      return;
    }
    ClaimedDelivery delivery = attempt.delivery();
    warnings
        .admit(delivery.target().toString())
        .ifPresent(
            heldBack -> {
              LoggingEventBuilder line =
                  log.atWarn()
                      .addKeyValue(TARGET, delivery.target().toString())
                      .addKeyValue(DELIVERY_ID, delivery.id())
                      .addKeyValue(EVENT_ID, delivery.eventId())
                      .addKeyValue(HELD_BACK, heldBack);
              if (envelope != null) {
                line = line.addKeyValue(REALM, envelope.getRealmId());
                if (!envelope.getCorrelationId().isEmpty()) {
                  line = line.addKeyValue(CORRELATION_ID, envelope.getCorrelationId());
                }
              }
              line.log(
                  "Attempt {} of delivery {} to {} failed ({}: {}); {}{}",
                  delivery.attempt(),
                  delivery.id(),
                  delivery.target(),
                  attempt.result().errorClass(),
                  attempt.result().errorMessage(),
                  attempt.next() == DeliveryStatus.SCHEDULED
                      ? "next attempt at " + attempt.nextAttemptAt()
                      : "dead-lettered",
                  heldBack == 0
                      ? ""
                      : " (" + heldBack + " earlier failures of this target were not logged)");
            });
  }
}
