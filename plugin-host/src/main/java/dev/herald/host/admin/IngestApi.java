package dev.herald.host.admin;

import static java.util.Objects.requireNonNull;

import com.linecorp.armeria.server.ServiceRequestContext;
import dev.herald.core.admin.AdminException;
import dev.herald.core.admin.EventLookup;
import dev.herald.core.admin.StoredEvent;
import dev.herald.core.bus.EventBus;
import dev.herald.core.emit.AggregateSequences;
import dev.herald.core.envelope.EnvelopeValidator;
import dev.herald.core.envelope.FieldViolation;
import dev.herald.core.envelope.InvalidEnvelopeException;
import dev.herald.core.envelope.PayloadTypes;
import dev.herald.core.envelope.TraceContext;
import dev.herald.core.envelope.UuidV7;
import dev.herald.core.store.Database;
import dev.herald.proto.event.v1.EventEnvelope;
import dev.herald.proto.event.v1.Purpose;
import dev.herald.proto.ingest.v1.GetEventRequest;
import dev.herald.proto.ingest.v1.GetEventResponse;
import dev.herald.proto.ingest.v1.IngestServiceGrpc;
import dev.herald.proto.ingest.v1.PublishBatchRequest;
import dev.herald.proto.ingest.v1.PublishBatchResponse;
import dev.herald.proto.ingest.v1.PublishRequest;
import dev.herald.proto.ingest.v1.PublishResponse;
import io.grpc.stub.StreamObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.random.RandomGenerator;

/**
 * The ingest API: remote publishers publish envelopes (one, or a batch all-or-none) and read back a
 * stored event with its deliveries. A publish answers once the event is durable; the same event_id
 * again is accepted and stored once.
 */
final class IngestApi extends IngestServiceGrpc.IngestServiceImplBase {

  /** The most events in one batch. */
  static final int MAX_BATCH = 1000;

  private final EventBus bus;
  private final Database database;
  private final AggregateSequences sequences = new AggregateSequences();
  private final EventLookup events;
  private final EnvelopeValidator validator;
  private final PayloadTypes payloadTypes;
  private final Clock clock;
  private final UuidV7 ids;
  private final String source;
  private final IngestQuota quota;
  private final Counter refusedInvalid;
  private final Counter refusedQuota;

  /**
   * Creates the service.
   *
   * @param source the source given to envelopes that name none
   * @param quota each realm's ingest quota
   * @param meters where refused events are counted
   */
  IngestApi(
      EventBus bus,
      Database database,
      EventLookup events,
      EnvelopeValidator validator,
      PayloadTypes payloadTypes,
      Clock clock,
      RandomGenerator random,
      String source,
      IngestQuota quota,
      MeterRegistry meters) {
    this.bus = requireNonNull(bus, "bus");
    this.database = requireNonNull(database, "database");
    this.events = requireNonNull(events, "events");
    this.validator = requireNonNull(validator, "validator");
    this.payloadTypes = requireNonNull(payloadTypes, "payloadTypes");
    this.clock = requireNonNull(clock, "clock");
    this.ids = new UuidV7(clock, requireNonNull(random, "random"));
    this.source = requireNonNull(source, "source");
    this.quota = requireNonNull(quota, "quota");
    this.refusedInvalid = refused(meters, "invalid");
    this.refusedQuota = refused(meters, "quota");
  }

  private static Counter refused(MeterRegistry meters, String reason) {
    return Counter.builder("herald.events.refused")
        .description("Events refused, by path and reason")
        .tags("path", "ingest", "reason", reason)
        .register(meters);
  }

  /**
   * What a publish stored: the events as completed and numbered, in the order asked, and the ids
   * among them that were stored already (stored once: a publisher's retry).
   */
  record Published(List<EventEnvelope> events, Set<String> duplicates) {}

  @Override
  public void publish(PublishRequest req, StreamObserver<PublishResponse> out) {
    EventEnvelope event = accepted(Caller.current(), List.of(req.getEvent()), "").get(0);
    WebhookApi.reply(out, PublishResponse.newBuilder().setEventId(event.getEventId()).build());
  }

  @Override
  public void publishBatch(PublishBatchRequest req, StreamObserver<PublishBatchResponse> out) {
    if (req.getEventsCount() < 1 || req.getEventsCount() > MAX_BATCH) {
      throw AdminException.invalid(
          "events", req.getEventsCount() + " events (expected: 1.." + MAX_BATCH + ")");
    }
    List<EventEnvelope> published = accepted(Caller.current(), req.getEventsList(), "events");
    PublishBatchResponse.Builder response = PublishBatchResponse.newBuilder();
    published.forEach(e -> response.addEventIds(e.getEventId()));
    WebhookApi.reply(out, response.build());
  }

  /**
   * Publishes as {@link #accepted} does, and says which of the events were stored already: for
   * callers that answer with it (the CloudEvents endpoint). An event without an id gets a new one,
   * so only the ids given can be stored already.
   */
  Published acceptedNotingDuplicates(
      Caller caller, List<EventEnvelope> requested, String listField) {
    List<String> given =
        requested.stream().map(EventEnvelope::getEventId).filter(id -> !id.isEmpty()).toList();
    Set<String> duplicates = given.isEmpty() ? Set.of() : events.storedIds(given);
    return new Published(accepted(caller, requested, listField), duplicates);
  }

  /**
   * Completes, checks and publishes every event for {@code caller}, or none when any is refused:
   * the path of this API and of the CloudEvents endpoint alike.
   *
   * @param listField the name errors give the list, e.g. {@code events[2].event_type}; empty for a
   *     single event
   * @throws AdminException INVALID_ARGUMENT naming each bad field, RESOURCE_EXHAUSTED over a quota
   * @throws io.grpc.StatusRuntimeException PERMISSION_DENIED for a realm the caller does not cover
   */
  List<EventEnvelope> accepted(Caller caller, List<EventEnvelope> requested, String listField) {
    List<EventEnvelope> completed = new ArrayList<>(requested.size());
    List<FieldViolation> found = new ArrayList<>();
    for (int i = 0; i < requested.size(); i++) {
      String prefix = listField.isEmpty() ? "" : listField + "[" + i + "].";
      EventEnvelope event = completed(requested.get(i));
      caller.requireRealm(event.getRealmId());
      try {
        // A catalogue type may arrive as its JSON form, as `herald publish` takes it.
        event = payloadTypes.withTypedPayload(event);
      } catch (InvalidEnvelopeException e) {
        e.violations().forEach(v -> found.add(new FieldViolation(prefix + v.field(), v.reason())));
        continue;
      }
      if (event.getPurpose() != Purpose.PURPOSE_LIVE) {
        found.add(
            new FieldViolation(
                prefix + "purpose",
                event.getPurpose()
                    + " (expected: PURPOSE_LIVE or unset; tests and replays are"
                    + " asked for over the admin API)"));
      }
      validator
          .violations(event)
          .forEach(v -> found.add(new FieldViolation(prefix + v.field(), v.reason())));
      completed.add(event);
    }
    if (!found.isEmpty()) {
      refusedInvalid.increment(requested.size());
      throw AdminException.invalid(found);
    }
    // Only valid events count against the quota; a refused publish stores nothing.
    try {
      quota.take(completed);
    } catch (AdminException e) {
      refusedQuota.increment(completed.size());
      throw e;
    }
    // Remote emitters leave the per-aggregate sequence to the Herald that stores their events. A
    // publish refused after this leaves a gap in the sequence, never a repeat.
    List<EventEnvelope> numbered =
        database.write(tx -> sequences.numberUnnumbered(tx, completed, clock.instant()));
    List<CompletableFuture<Void>> durable = new ArrayList<>(numbered.size());
    numbered.forEach(event -> durable.add(bus.publish(event)));
    try {
      CompletableFuture.allOf(durable.toArray(CompletableFuture[]::new)).join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
    return numbered;
  }

  /** Fills what a publisher may leave out: id, time, version, source and purpose. */
  private EventEnvelope completed(EventEnvelope event) {
    EventEnvelope.Builder builder = event.toBuilder();
    Instant now = clock.instant();
    if (event.getEventId().isEmpty()) {
      builder.setEventId(ids.next());
    }
    if (!event.hasOccurredAt()) {
      builder.setOccurredAt(ProtoTime.timestamp(now));
    }
    if (event.getEventVersion() == 0) {
      builder.setEventVersion(1);
    }
    if (event.getSource().isEmpty()) {
      builder.setSource(source);
    }
    if (event.getPurpose() == Purpose.PURPOSE_UNSPECIFIED) {
      builder.setPurpose(Purpose.PURPOSE_LIVE);
    }
    EventEnvelope filled = builder.build();
    return event.getTraceparent().isEmpty()
        ? requestTrace().map(t -> t.applyTo(filled)).orElse(filled)
        : filled;
  }

  /**
   * Returns the trace context of the publish request itself (HTTP headers, or gRPC metadata, which
   * arrive as the same headers), for events that carry none of their own.
   */
  private static Optional<TraceContext> requestTrace() {
    ServiceRequestContext ctx = ServiceRequestContext.currentOrNull();
    if (ctx == null) {
      return Optional.empty();
    }
    return TraceContext.parse(
        ctx.request().headers().get(TraceContext.TRACEPARENT),
        ctx.request().headers().get(TraceContext.TRACESTATE));
  }

  @Override
  public void getEvent(GetEventRequest req, StreamObserver<GetEventResponse> out) {
    StoredEvent stored = events.find(req.getEventId());
    Caller.current().requireRealm(stored.envelope().getRealmId());
    GetEventResponse.Builder response =
        GetEventResponse.newBuilder()
            .setEvent(stored.envelope())
            .setStoredAt(ProtoTime.timestamp(stored.storedAt()));
    stored.deliveries().forEach(d -> response.addDeliveries(EventMessages.delivery(d)));
    WebhookApi.reply(out, response.build());
  }
}
