package dev.herald.host.admin;

import dev.herald.core.admin.AttemptView;
import dev.herald.core.admin.DeliveryView;
import dev.herald.core.dispatch.TargetRef;
import dev.herald.core.route.DeliveryStatus;
import dev.herald.proto.admin.v1.Attempt;
import dev.herald.proto.admin.v1.Delivery;
import dev.herald.proto.event.v1.Purpose;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Renders deliveries and attempts for the admin API. */
final class DeliveryMessages {

  private DeliveryMessages() {}

  static Delivery delivery(DeliveryView view, List<AttemptView> attempts) {
    Delivery.Builder message =
        Delivery.newBuilder()
            .setId(view.id())
            .setEventId(view.eventId())
            .setEventType(view.eventType())
            .setRealmId(view.realmId())
            .setStatus(status(view.status()))
            .setPurpose(view.replay() ? Purpose.PURPOSE_REPLAY : Purpose.PURPOSE_LIVE)
            .setAttemptCount(view.attemptCount())
            .setNextAttemptAt(ProtoTime.timestamp(view.nextAttemptAt()))
            .setLastError(view.lastError() == null ? "" : view.lastError())
            .setCreatedAt(ProtoTime.timestamp(view.createdAt()))
            .setUpdatedAt(ProtoTime.timestamp(view.updatedAt()))
            .setOrderKey(view.orderKey() == null ? "" : view.orderKey());
    TargetRef target = view.target();
    if (TargetRef.PLUGIN.equals(target.kind())) {
      message.setPluginId(target.id());
    } else {
      message.setWebhookId(target.id());
    }
    attempts.forEach(a -> message.addAttempts(attempt(a)));
    return message.build();
  }

  private static Attempt attempt(AttemptView view) {
    Attempt.Builder message =
        Attempt.newBuilder()
            .setAttempt(view.attempt())
            .setStartedAt(ProtoTime.timestamp(view.startedAt()))
            .setLatency(ProtoTime.duration(Duration.ofNanos(view.latencyMicros() * 1000)))
            .setOutcome(view.outcome());
    if (view.httpStatus() != null) {
      message.setHttpStatus(view.httpStatus());
    }
    Optional.ofNullable(view.grpcCode()).ifPresent(message::setGrpcCode);
    Optional.ofNullable(view.errorClass()).ifPresent(message::setErrorClass);
    Optional.ofNullable(view.errorMessage()).ifPresent(message::setErrorMessage);
    Optional.ofNullable(view.responseExcerpt()).ifPresent(message::setResponseExcerpt);
    return message.build();
  }

  static dev.herald.proto.admin.v1.DeliveryStatus status(DeliveryStatus status) {
    return switch (status) {
      case PENDING -> dev.herald.proto.admin.v1.DeliveryStatus.DELIVERY_STATUS_PENDING;
      case QUEUED -> dev.herald.proto.admin.v1.DeliveryStatus.DELIVERY_STATUS_QUEUED;
      case IN_FLIGHT -> dev.herald.proto.admin.v1.DeliveryStatus.DELIVERY_STATUS_IN_FLIGHT;
      case SCHEDULED -> dev.herald.proto.admin.v1.DeliveryStatus.DELIVERY_STATUS_SCHEDULED;
      case SUCCEEDED -> dev.herald.proto.admin.v1.DeliveryStatus.DELIVERY_STATUS_SUCCEEDED;
      case DEAD -> dev.herald.proto.admin.v1.DeliveryStatus.DELIVERY_STATUS_DEAD;
      case DISCARDED -> dev.herald.proto.admin.v1.DeliveryStatus.DELIVERY_STATUS_DISCARDED;
    };
  }

  static Optional<DeliveryStatus> status(dev.herald.proto.admin.v1.DeliveryStatus status) {
    return switch (status) {
      case DELIVERY_STATUS_PENDING -> Optional.of(DeliveryStatus.PENDING);
      case DELIVERY_STATUS_QUEUED -> Optional.of(DeliveryStatus.QUEUED);
      case DELIVERY_STATUS_IN_FLIGHT -> Optional.of(DeliveryStatus.IN_FLIGHT);
      case DELIVERY_STATUS_SCHEDULED -> Optional.of(DeliveryStatus.SCHEDULED);
      case DELIVERY_STATUS_SUCCEEDED -> Optional.of(DeliveryStatus.SUCCEEDED);
      case DELIVERY_STATUS_DEAD -> Optional.of(DeliveryStatus.DEAD);
      case DELIVERY_STATUS_DISCARDED -> Optional.of(DeliveryStatus.DISCARDED);
      default -> Optional.empty();
    };
  }
}
