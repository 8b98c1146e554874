package dev.herald.host.admin;

import dev.herald.core.admin.TargetStats;
import dev.herald.core.admin.WebhookPreview;
import dev.herald.core.limit.Rate;
import dev.herald.core.route.BreakerStatus;
import dev.herald.core.webhook.EndpointStatus;
import dev.herald.core.webhook.StoredSubscription;
import dev.herald.core.webhook.WebhookEndpoint;
import dev.herald.proto.admin.v1.PreviewWebhookDeliveryResponse;
import dev.herald.proto.admin.v1.Subscription;
import dev.herald.proto.admin.v1.Webhook;
import dev.herald.proto.admin.v1.WebhookSource;
import dev.herald.proto.admin.v1.WebhookStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Renders webhook endpoints and subscriptions for the admin API, never with a secret. */
final class WebhookMessages {

  private WebhookMessages() {}

  static Webhook webhook(
      WebhookEndpoint endpoint,
      List<StoredSubscription> subscriptions,
      TargetStats stats,
      boolean stuck,
      BreakerStatus breaker,
      Instant now) {
    Webhook.Builder message =
        Webhook.newBuilder()
            .setId(endpoint.id())
            .setRealmId(endpoint.realmId())
            .setUrl(endpoint.url())
            .setStatus(status(endpoint.status()))
            .setStatusReason(endpoint.statusReason().orElse(""))
            .setTimeout(ProtoTime.duration(endpoint.timeout()))
            .setMaxInFlight(endpoint.maxInFlight())
            .setRateLimit(endpoint.rateLimit().map(Rate::toString).orElse(""))
            .setBodyFormat(endpoint.bodyFormat().text())
            .setSource(
                endpoint.source() == WebhookEndpoint.Source.API
                    ? WebhookSource.WEBHOOK_SOURCE_API
                    : WebhookSource.WEBHOOK_SOURCE_CONFIG)
            .setStats(StatsMessages.of(stats, now, stuck))
            .setCircuitBreaker(BreakerMessages.of(breaker))
            .putAllHeaders(endpoint.headers());
    subscriptions.forEach(s -> message.addSubscriptions(subscription(s)));
    endpoint.ordering().ifPresent(ordering -> message.setOrdering(OrderingMessages.of(ordering)));
    endpoint
        .previousSecret()
        .filter(previous -> previous.signsAt(now))
        .ifPresent(
            previous ->
                message.setPreviousSecretExpiresAt(ProtoTime.timestamp(previous.expiresAt())));
    return message.build();
  }

  static Subscription subscription(StoredSubscription stored) {
    Subscription.Builder message =
        Subscription.newBuilder()
            .setId(stored.id())
            .setWebhookId(stored.endpointId())
            .setEventTypePattern(stored.subscription().pattern().text())
            .setCreatedAt(ProtoTime.timestamp(stored.createdAt()));
    stored.subscription().realmId().ifPresent(message::setRealmId);
    stored.subscription().contentPattern().ifPresent(p -> message.setContentPattern(p.json()));
    stored.subscription().transform().ifPresent(t -> message.setTransform(t.expression()));
    return message.build();
  }

  static PreviewWebhookDeliveryResponse preview(WebhookPreview.Preview preview) {
    PreviewWebhookDeliveryResponse.Builder message =
        PreviewWebhookDeliveryResponse.newBuilder()
            .setSelected(preview.selected())
            .setTransformed(preview.transformed())
            .setDocument(preview.document());
    preview.subscription().ifPresent(s -> message.setSubscription(subscription(s)));
    preview.body().ifPresent(message::setBody);
    preview.transformError().ifPresent(message::setTransformError);
    return message.build();
  }

  static WebhookStatus status(EndpointStatus status) {
    return switch (status) {
      case ACTIVE -> WebhookStatus.WEBHOOK_STATUS_ACTIVE;
      case PAUSED -> WebhookStatus.WEBHOOK_STATUS_PAUSED;
      case DISABLED -> WebhookStatus.WEBHOOK_STATUS_DISABLED;
    };
  }

  static Optional<EndpointStatus> status(WebhookStatus status) {
    return switch (status) {
      case WEBHOOK_STATUS_ACTIVE -> Optional.of(EndpointStatus.ACTIVE);
      case WEBHOOK_STATUS_PAUSED -> Optional.of(EndpointStatus.PAUSED);
      case WEBHOOK_STATUS_DISABLED -> Optional.of(EndpointStatus.DISABLED);
      default -> Optional.empty();
    };
  }
}
