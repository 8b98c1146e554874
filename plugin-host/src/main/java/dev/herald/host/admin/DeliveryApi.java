package dev.herald.host.admin;

import static java.util.Objects.requireNonNull;

import dev.herald.core.admin.AdminException;
import dev.herald.core.admin.DeliveryCommands;
import dev.herald.core.admin.DeliveryFilter;
import dev.herald.core.admin.DeliveryQueries;
import dev.herald.core.admin.DeliveryView;
import dev.herald.core.admin.Page;
import dev.herald.core.admin.PageRequest;
import dev.herald.core.admin.WebhookRules;
import dev.herald.core.dispatch.TargetRef;
import dev.herald.core.envelope.EventTypePattern;
import dev.herald.core.envelope.FieldViolation;
import dev.herald.core.route.DeliveryStatus;
import dev.herald.proto.admin.v1.Delivery;
import dev.herald.proto.admin.v1.DeliveryServiceGrpc;
import dev.herald.proto.admin.v1.DiscardDeadLetterRequest;
import dev.herald.proto.admin.v1.GetDeliveryRequest;
import dev.herald.proto.admin.v1.ListDeliveriesRequest;
import dev.herald.proto.admin.v1.ListDeliveriesResponse;
import dev.herald.proto.admin.v1.RetryDeliveryRequest;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Deliveries, attempts and dead letters of the admin API. */
final class DeliveryApi extends DeliveryServiceGrpc.DeliveryServiceImplBase {

  private static final Pattern ERROR_CLASS = Pattern.compile("[a-z0-9_]{1,64}");

  private final DeliveryQueries queries;
  private final DeliveryCommands commands;

  DeliveryApi(DeliveryQueries queries, DeliveryCommands commands) {
    this.queries = requireNonNull(queries, "queries");
    this.commands = requireNonNull(commands, "commands");
  }

  @Override
  public void listDeliveries(
      ListDeliveriesRequest req, StreamObserver<ListDeliveriesResponse> out) {
    DeliveryFilter filter = filter(req);
    Optional<DeliveryStatus> status = DeliveryMessages.status(req.getStatus());
    if (status.isPresent()) {
      filter = filter.withStatus(status.get());
    }
    WebhookApi.reply(out, page(filter, req));
  }

  @Override
  public void listDeadLetters(
      ListDeliveriesRequest req, StreamObserver<ListDeliveriesResponse> out) {
    WebhookApi.reply(out, page(filter(req).withStatus(DeliveryStatus.DEAD), req));
  }

  @Override
  public void getDelivery(GetDeliveryRequest req, StreamObserver<Delivery> out) {
    WebhookApi.reply(out, full(visible(req.getId())));
  }

  @Override
  public void retryDelivery(RetryDeliveryRequest req, StreamObserver<Delivery> out) {
    visible(req.getId());
    commands.retryNow(req.getId(), false);
    WebhookApi.reply(out, full(visible(req.getId())));
  }

  @Override
  public void retryDeadLetter(RetryDeliveryRequest req, StreamObserver<Delivery> out) {
    visible(req.getId());
    commands.retryNow(req.getId(), true);
    WebhookApi.reply(out, full(visible(req.getId())));
  }

  @Override
  public void discardDeadLetter(DiscardDeadLetterRequest req, StreamObserver<Delivery> out) {
    visible(req.getId());
    commands.discard(req.getId());
    WebhookApi.reply(out, full(visible(req.getId())));
  }

  private ListDeliveriesResponse page(DeliveryFilter filter, ListDeliveriesRequest req) {
    Page<DeliveryView> page =
        queries.list(filter, PageRequest.of(req.getPageSize(), req.getPageToken()));
    ListDeliveriesResponse.Builder response =
        ListDeliveriesResponse.newBuilder().setNextPageToken(page.nextPageToken());
    page.items()
        .forEach(view -> response.addDeliveries(DeliveryMessages.delivery(view, List.of())));
    return response.build();
  }

  /** Returns the filter the request's fields describe, every bad one named. */
  private static DeliveryFilter filter(ListDeliveriesRequest req) {
    String eventType = req.getEventType();
    List<FieldViolation> found = new ArrayList<>();
    Optional<TargetRef> target = TargetFilters.target(req.getWebhookId(), req.getPluginId(), found);
    Optional<EventTypePattern> pattern =
        eventType.isEmpty()
            ? Optional.empty()
            : Optional.ofNullable(WebhookRules.pattern("event_type", eventType, found));
    TimeWindow created =
        TimeWindow.of(
            "created_after",
            req.hasCreatedAfter() ? Optional.of(req.getCreatedAfter()) : Optional.empty(),
            "created_before",
            req.hasCreatedBefore() ? Optional.of(req.getCreatedBefore()) : Optional.empty(),
            found);
    String errorClass = req.getErrorClass();
    if (!errorClass.isEmpty() && !ERROR_CLASS.matcher(errorClass).matches()) {
      found.add(
          new FieldViolation(
              "error_class",
              "not an error class (expected: 1 to 64 of a-z, 0-9 and _, e.g. http_5xx, timeout,"
                  + " dns)"));
    }
    if (!found.isEmpty()) {
      throw AdminException.invalid(found);
    }
    return new DeliveryFilter(
        target,
        Optional.empty(),
        pattern,
        created.after(),
        created.before(),
        Caller.current().scope(req.getRealmId(), req.getAllRealms()),
        errorClass.isEmpty() ? Optional.empty() : Optional.of(errorClass));
  }

  /** Returns the delivery if the caller's token covers its event's realm. */
  private DeliveryView visible(long id) {
    DeliveryView view =
        queries.get(id).orElseThrow(() -> AdminException.notFound("delivery " + id));
    Caller.current().requireRealm(view.realmId());
    return view;
  }

  private Delivery full(DeliveryView view) {
    return DeliveryMessages.delivery(view, queries.attempts(view.id()));
  }
}
