package dev.herald.host.export;

import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Timestamps;
import dev.herald.core.admin.AttemptView;
import dev.herald.core.admin.DeliveryView;
import dev.herald.core.admin.ExportedEvent;
import dev.herald.proto.admin.v1.ExportedAttempt;
import dev.herald.proto.admin.v1.ExportedDelivery;
import java.time.Instant;

/** Turns an exported event into its {@code herald.admin.v1.ExportedEvent} message. */
final class ExportMessages {

  private ExportMessages() {}

  static dev.herald.proto.admin.v1.ExportedEvent of(ExportedEvent event) {
    dev.herald.proto.admin.v1.ExportedEvent.Builder message =
        dev.herald.proto.admin.v1.ExportedEvent.newBuilder()
            .setEvent(event.envelope())
            .setStoredAt(timestamp(event.storedAt()));
    event.deliveries().forEach(d -> message.addDeliveries(delivery(d)));
    return message.build();
  }

  private static ExportedDelivery delivery(ExportedEvent.Delivery delivery) {
    DeliveryView view = delivery.view();
    ExportedDelivery.Builder message =
        ExportedDelivery.newBuilder()
            .setDeliveryId(view.id())
            .setTarget(view.target().key())
            .setStatus(view.status().dbValue())
            .setReplay(view.replay())
            .setAttemptCount(view.attemptCount())
            .setLastError(orEmpty(view.lastError()))
            .setNextAttemptAt(timestamp(view.nextAttemptAt()))
            .setCreatedAt(timestamp(view.createdAt()))
            .setUpdatedAt(timestamp(view.updatedAt()))
            .setOrderKey(orEmpty(view.orderKey()));
    delivery.attempts().forEach(a -> message.addAttempts(attempt(a)));
    return message.build();
  }

  private static ExportedAttempt attempt(AttemptView attempt) {
    return ExportedAttempt.newBuilder()
        .setAttempt(attempt.attempt())
        .setStartedAt(timestamp(attempt.startedAt()))
        .setLatencyMicros(attempt.latencyMicros())
        .setOutcome(attempt.outcome())
        .setHttpStatus(attempt.httpStatus() == null ? 0 : attempt.httpStatus())
        .setGrpcCode(orEmpty(attempt.grpcCode()))
        .setErrorClass(orEmpty(attempt.errorClass()))
        .setErrorMessage(orEmpty(attempt.errorMessage()))
        .setResponseExcerpt(orEmpty(attempt.responseExcerpt()))
        .build();
  }

  static Timestamp timestamp(Instant instant) {
    return Timestamps.fromMillis(instant.toEpochMilli());
  }

  static String orEmpty(String value) {
    return value == null ? "" : value;
  }
}
