package dev.herald.host.admin;

import static java.util.Objects.requireNonNull;

import dev.herald.core.admin.EventFilter;
import dev.herald.core.admin.EventSearch;
import dev.herald.core.admin.Page;
import dev.herald.core.admin.PageRequest;
import dev.herald.core.admin.StoredEvent;
import dev.herald.proto.admin.v1.EventServiceGrpc;
import dev.herald.proto.admin.v1.ListEventsRequest;
import dev.herald.proto.admin.v1.ListEventsResponse;
import io.grpc.stub.StreamObserver;

/** Stored events of the admin API: found by id, type, subject, correlation id, time and realm. */
final class EventAdminApi extends EventServiceGrpc.EventServiceImplBase {

  /** The page size when a request names none: smaller than other lists, events carry deliveries. */
  private static final int DEFAULT_PAGE_SIZE = 50;

  private final EventSearch search;

  EventAdminApi(EventSearch search) {
    this.search = requireNonNull(search, "search");
  }

  @Override
  public void listEvents(ListEventsRequest req, StreamObserver<ListEventsResponse> out) {
    EventFilter filter = filter(req);
    Page<StoredEvent> page =
        search.list(
            filter, PageRequest.of(req.getPageSize(), req.getPageToken(), DEFAULT_PAGE_SIZE));
    ListEventsResponse.Builder response =
        ListEventsResponse.newBuilder().setNextPageToken(page.nextPageToken());
    page.items().forEach(event -> response.addEvents(EventMessages.summary(event)));
    WebhookApi.reply(out, response.build());
  }

  /** Returns the filter the request's fields describe, every bad one named. */
  private static EventFilter filter(ListEventsRequest req) {
    return EventFilters.of(req, () -> Caller.current().scope(req.getRealmId(), req.getAllRealms()));
  }
}
