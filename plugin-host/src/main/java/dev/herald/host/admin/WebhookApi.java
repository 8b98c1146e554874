package dev.herald.host.admin;

import static java.util.Objects.requireNonNull;

import dev.herald.core.admin.AdminException;
import dev.herald.core.admin.DeliveryQueries;
import dev.herald.core.admin.EndpointSecret;
import dev.herald.core.admin.EventLookup;
import dev.herald.core.admin.NewWebhook;
import dev.herald.core.admin.OrderingRequest;
import dev.herald.core.admin.Page;
import dev.herald.core.admin.PageRequest;
import dev.herald.core.admin.StuckTargets;
import dev.herald.core.admin.TargetStats;
import dev.herald.core.admin.WebhookChange;
import dev.herald.core.admin.WebhookEndpoints;
import dev.herald.core.admin.WebhookPreview;
import dev.herald.core.admin.WebhookSubscriptions;
import dev.herald.core.admin.WebhookTester;
import dev.herald.core.dispatch.DeliveryOutcome;
import dev.herald.core.dispatch.DeliveryResult;
import dev.herald.core.dispatch.TargetRef;
import dev.herald.core.route.BreakerStatus;
import dev.herald.core.webhook.WebhookEndpoint;
import dev.herald.proto.admin.v1.CreateSubscriptionRequest;
import dev.herald.proto.admin.v1.CreateWebhookRequest;
import dev.herald.proto.admin.v1.CreateWebhookResponse;
import dev.herald.proto.admin.v1.DeleteSubscriptionRequest;
import dev.herald.proto.admin.v1.DeleteSubscriptionResponse;
import dev.herald.proto.admin.v1.DeleteWebhookRequest;
import dev.herald.proto.admin.v1.DeleteWebhookResponse;
import dev.herald.proto.admin.v1.GetWebhookRequest;
import dev.herald.proto.admin.v1.ListSubscriptionsRequest;
import dev.herald.proto.admin.v1.ListSubscriptionsResponse;
import dev.herald.proto.admin.v1.ListWebhooksRequest;
import dev.herald.proto.admin.v1.ListWebhooksResponse;
import dev.herald.proto.admin.v1.PauseWebhookRequest;
import dev.herald.proto.admin.v1.PreviewWebhookDeliveryRequest;
import dev.herald.proto.admin.v1.PreviewWebhookDeliveryResponse;
import dev.herald.proto.admin.v1.ReloadConfiguredWebhooksRequest;
import dev.herald.proto.admin.v1.ReloadConfiguredWebhooksResponse;
import dev.herald.proto.admin.v1.ResumeWebhookRequest;
import dev.herald.proto.admin.v1.RotateWebhookSecretRequest;
import dev.herald.proto.admin.v1.RotateWebhookSecretResponse;
import dev.herald.proto.admin.v1.Subscription;
import dev.herald.proto.admin.v1.TestWebhookRequest;
import dev.herald.proto.admin.v1.TestWebhookResponse;
import dev.herald.proto.admin.v1.UpdateSubscriptionRequest;
import dev.herald.proto.admin.v1.Webhook;
import dev.herald.proto.admin.v1.WebhookServiceGrpc;
import dev.herald.proto.event.v1.EventEnvelope;
import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.function.Supplier;

/** The webhook endpoints and subscriptions of the admin API, over gRPC and REST alike. */
final class WebhookApi extends WebhookServiceGrpc.WebhookServiceImplBase {

  private final WebhookEndpoints endpoints;
  private final WebhookSubscriptions subscriptions;
  private final WebhookTester tester;
  private final WebhookPreview preview;
  private final EventLookup events;
  private final DeliveryQueries deliveries;
  private final Supplier<List<String>> reloadConfigured;
  private final Function<TargetRef, BreakerStatus> breakers;
  private final StuckTargets stuck;
  private final Clock clock;

  /**
   * Creates the service.
   *
   * @param events where the events a preview shows are read
   * @param reloadConfigured re-reads the config file, stores its endpoints, returns their ids
   * @param breakers each target's circuit breaker on this node
   * @param stuck which targets' stats say they are stuck
   */
  WebhookApi(
      WebhookEndpoints endpoints,
      WebhookSubscriptions subscriptions,
      WebhookTester tester,
      WebhookPreview preview,
      EventLookup events,
      DeliveryQueries deliveries,
      Supplier<List<String>> reloadConfigured,
      Function<TargetRef, BreakerStatus> breakers,
      StuckTargets stuck,
      Clock clock) {
    this.stuck = requireNonNull(stuck, "stuck");
    this.breakers = requireNonNull(breakers, "breakers");
    this.endpoints = requireNonNull(endpoints, "endpoints");
    this.subscriptions = requireNonNull(subscriptions, "subscriptions");
    this.tester = requireNonNull(tester, "tester");
    this.preview = requireNonNull(preview, "preview");
    this.events = requireNonNull(events, "events");
    this.deliveries = requireNonNull(deliveries, "deliveries");
    this.reloadConfigured = requireNonNull(reloadConfigured, "reloadConfigured");
    this.clock = requireNonNull(clock, "clock");
  }

  @Override
  public void createWebhook(CreateWebhookRequest req, StreamObserver<CreateWebhookResponse> out) {
    Caller.current().requireRealm(req.getRealmId());
    EndpointSecret created =
        endpoints.create(
            new NewWebhook(
                req.getId(),
                req.getRealmId(),
                req.getUrl(),
                req.getEventTypesList(),
                req.hasTimeout()
                    ? Optional.of(ProtoTime.duration(req.getTimeout()))
                    : Optional.empty(),
                req.getMaxInFlight(),
                req.getSecret().isEmpty() ? Optional.empty() : Optional.of(req.getSecret()),
                req.getPaused(),
                req.getRateLimit(),
                req.getHeadersMap(),
                req.getContentPattern(),
                req.getTransform(),
                req.hasOrdering()
                    ? Optional.of(OrderingMessages.request(req.getOrdering()))
                    : Optional.empty(),
                req.getBodyFormat()));
    reply(
        out,
        CreateWebhookResponse.newBuilder()
            .setWebhook(render(created.endpoint()))
            .setSecret(created.secret().encoded())
            .build());
  }

  @Override
  public void getWebhook(GetWebhookRequest req, StreamObserver<Webhook> out) {
    reply(out, render(visible(req.getId())));
  }

  @Override
  public void listWebhooks(ListWebhooksRequest req, StreamObserver<ListWebhooksResponse> out) {
    Page<WebhookEndpoint> page =
        endpoints.list(
            Caller.current().scope(req.getRealmId(), req.getAllRealms()),
            WebhookMessages.status(req.getStatus()),
            PageRequest.of(req.getPageSize(), req.getPageToken()));
    Map<String, TargetStats> stats = deliveries.stats();
    ListWebhooksResponse.Builder response =
        ListWebhooksResponse.newBuilder().setNextPageToken(page.nextPageToken());
    page.items().forEach(e -> response.addWebhooks(render(e, stats)));
    reply(out, response.build());
  }

  @Override
  public void updateWebhook(
      dev.herald.proto.admin.v1.UpdateWebhookRequest req, StreamObserver<Webhook> out) {
    visible(req.getId());
    WebhookChange change =
        new WebhookChange(
            req.hasUrl() ? Optional.of(req.getUrl()) : Optional.empty(),
            req.hasTimeout() ? Optional.of(ProtoTime.duration(req.getTimeout())) : Optional.empty(),
            req.hasMaxInFlight() ? OptionalInt.of(req.getMaxInFlight()) : OptionalInt.empty(),
            req.hasRateLimit() ? Optional.of(req.getRateLimit()) : Optional.empty(),
            headersChange(req),
            orderingChange(req),
            req.hasBodyFormat() ? Optional.of(req.getBodyFormat()) : Optional.empty());
    reply(out, render(endpoints.update(req.getId(), change)));
  }

  // proto3 cannot tell an empty map from an absent one, so removing every header is a flag.
  private static Optional<Map<String, String>> headersChange(
      dev.herald.proto.admin.v1.UpdateWebhookRequest req) {
    if (req.getClearHeaders() && req.getHeadersCount() > 0) {
      throw AdminException.invalid(
          "clear_headers", "true while headers is set too (expected: one of them)");
    }
    if (req.getClearHeaders()) {
      return Optional.of(Map.of());
    }
    return req.getHeadersCount() > 0 ? Optional.of(req.getHeadersMap()) : Optional.empty();
  }

  // Like the headers: a message cannot say "none", so removing the ordering is a flag.
  private static Optional<Optional<OrderingRequest>> orderingChange(
      dev.herald.proto.admin.v1.UpdateWebhookRequest req) {
    if (req.getClearOrdering() && req.hasOrdering()) {
      throw AdminException.invalid(
          "clear_ordering", "true while ordering is set too (expected: one of them)");
    }
    if (req.getClearOrdering()) {
      return Optional.of(Optional.empty());
    }
    return req.hasOrdering()
        ? Optional.of(Optional.of(OrderingMessages.request(req.getOrdering())))
        : Optional.empty();
  }

  @Override
  public void deleteWebhook(DeleteWebhookRequest req, StreamObserver<DeleteWebhookResponse> out) {
    visible(req.getId());
    int abandoned = endpoints.delete(req.getId());
    reply(
        out,
        DeleteWebhookResponse.newBuilder()
            .setId(req.getId())
            .setAbandonedDeliveries(abandoned)
            .build());
  }

  @Override
  public void pauseWebhook(PauseWebhookRequest req, StreamObserver<Webhook> out) {
    visible(req.getId());
    reply(out, render(endpoints.pause(req.getId(), req.getReason())));
  }

  @Override
  public void resumeWebhook(ResumeWebhookRequest req, StreamObserver<Webhook> out) {
    visible(req.getId());
    WebhookEndpoints.Resumed resumed = endpoints.resume(req.getId(), req.getReplayMissed());
    reply(out, HealthMessages.resumed(render(resumed.endpoint()), resumed.missed()));
  }

  @Override
  public void rotateWebhookSecret(
      RotateWebhookSecretRequest req, StreamObserver<RotateWebhookSecretResponse> out) {
    visible(req.getId());
    EndpointSecret rotated =
        endpoints.rotateSecret(
            req.getId(),
            req.hasGracePeriod()
                ? ProtoTime.duration(req.getGracePeriod())
                : WebhookEndpoints.DEFAULT_GRACE,
            req.getSecret().isEmpty() ? Optional.empty() : Optional.of(req.getSecret()));
    Webhook webhook = render(rotated.endpoint());
    RotateWebhookSecretResponse.Builder response =
        RotateWebhookSecretResponse.newBuilder()
            .setWebhook(webhook)
            .setSecret(rotated.secret().encoded());
    if (webhook.hasPreviousSecretExpiresAt()) {
      response.setPreviousSecretExpiresAt(webhook.getPreviousSecretExpiresAt());
    }
    reply(out, response.build());
  }

  @Override
  public void testWebhook(TestWebhookRequest req, StreamObserver<TestWebhookResponse> out) {
    WebhookEndpoint endpoint = visible(req.getId());
    WebhookTester.Result sent = tester.send(endpoint, req.getEventType(), req.getJsonPayload());
    DeliveryResult result = sent.result();
    TestWebhookResponse.Builder response =
        TestWebhookResponse.newBuilder()
            .setEventId(sent.eventId())
            .setDelivered(result.outcome() instanceof DeliveryOutcome.Delivered)
            .setOutcome(outcome(result.outcome()))
            .setLatency(ProtoTime.duration(sent.latency()));
    if (result.httpStatus() != null) {
      response.setHttpStatus(result.httpStatus());
    }
    if (result.responseExcerpt() != null) {
      response.setResponseExcerpt(result.responseExcerpt());
    }
    if (result.errorMessage() != null) {
      response.setError(result.errorMessage());
    }
    reply(out, response.build());
  }

  private static String outcome(DeliveryOutcome outcome) {
    return switch (outcome) {
      case DeliveryOutcome.Delivered d -> "succeeded";
      case DeliveryOutcome.Retry r -> "retry";
      case DeliveryOutcome.Rejected r -> "rejected";
      case DeliveryOutcome.Gone g -> "gone";
    };
  }

  @Override
  public void reloadConfiguredWebhooks(
      ReloadConfiguredWebhooksRequest req, StreamObserver<ReloadConfiguredWebhooksResponse> out) {
    Caller.current().requireAllRealms("reload the config file");
    reply(
        out,
        ReloadConfiguredWebhooksResponse.newBuilder()
            .addAllConfiguredIds(reloadConfigured.get())
            .build());
  }

  @Override
  public void createSubscription(CreateSubscriptionRequest req, StreamObserver<Subscription> out) {
    visible(req.getWebhookId());
    reply(
        out,
        WebhookMessages.subscription(
            subscriptions.add(
                req.getWebhookId(),
                req.getEventTypePattern(),
                req.hasRealmId() ? Optional.of(req.getRealmId()) : Optional.empty(),
                req.getContentPattern(),
                req.getTransform())));
  }

  @Override
  public void updateSubscription(UpdateSubscriptionRequest req, StreamObserver<Subscription> out) {
    visible(req.getWebhookId());
    reply(
        out,
        WebhookMessages.subscription(
            subscriptions.changeRules(
                req.getWebhookId(),
                req.getId(),
                req.hasContentPattern() ? Optional.of(req.getContentPattern()) : Optional.empty(),
                req.hasTransform() ? Optional.of(req.getTransform()) : Optional.empty())));
  }

  @Override
  public void listSubscriptions(
      ListSubscriptionsRequest req, StreamObserver<ListSubscriptionsResponse> out) {
    visible(req.getWebhookId());
    ListSubscriptionsResponse.Builder response = ListSubscriptionsResponse.newBuilder();
    endpoints
        .subscriptions(req.getWebhookId())
        .forEach(s -> response.addSubscriptions(WebhookMessages.subscription(s)));
    reply(out, response.build());
  }

  @Override
  public void deleteSubscription(
      DeleteSubscriptionRequest req, StreamObserver<DeleteSubscriptionResponse> out) {
    visible(req.getWebhookId());
    subscriptions.remove(req.getWebhookId(), req.getId());
    reply(out, DeleteSubscriptionResponse.newBuilder().setId(req.getId()).build());
  }

  @Override
  public void previewWebhookDelivery(
      PreviewWebhookDeliveryRequest req, StreamObserver<PreviewWebhookDeliveryResponse> out) {
    visible(req.getWebhookId());
    EventEnvelope event = PreviewedEvent.find(events, req.getEventId());
    reply(out, WebhookMessages.preview(preview.of(req.getWebhookId(), event)));
  }

  /** Returns the endpoint if the caller's token covers its realm. */
  private WebhookEndpoint visible(String id) {
    WebhookEndpoint endpoint = endpoints.get(id);
    Caller.current().requireRealm(endpoint.realmId());
    return endpoint;
  }

  private Webhook render(WebhookEndpoint endpoint) {
    return render(endpoint, deliveries.stats());
  }

  private Webhook render(WebhookEndpoint endpoint, Map<String, TargetStats> stats) {
    Instant now = clock.instant();
    TargetStats backlog = stats.getOrDefault(endpoint.target().key(), TargetStats.EMPTY);
    Webhook webhook =
        WebhookMessages.webhook(
            endpoint,
            endpoints.subscriptions(endpoint.id()),
            backlog,
            stuck.stuck(endpoint.target(), backlog, now),
            breakers.apply(endpoint.target()),
            now);
    return HealthMessages.webhook(webhook.toBuilder(), endpoints.health(endpoint.id())).build();
  }

  static <T> void reply(StreamObserver<T> out, T message) {
    out.onNext(message);
    out.onCompleted();
  }
}
