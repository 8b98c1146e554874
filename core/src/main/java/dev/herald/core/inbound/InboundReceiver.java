package dev.herald.core.inbound;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.google.protobuf.Timestamp;
import dev.herald.core.bus.EventBus;
import dev.herald.core.envelope.EnvelopeValidator;
import dev.herald.core.envelope.EventTypes;
import dev.herald.core.envelope.FieldViolation;
import dev.herald.core.envelope.InvalidEnvelopeException;
import dev.herald.core.envelope.PayloadTypes;
import dev.herald.core.envelope.TraceContext;
import dev.herald.core.envelope.UuidV7;
import dev.herald.core.store.Database;
import dev.herald.proto.event.v1.EventEnvelope;
import dev.herald.proto.event.v1.Purpose;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * Turns an inbound request into an event: finds the source, checks size and signature, maps the
 * request to an envelope and publishes it through the bus like an ingested one, returning once it
 * is durable. A provider delivery id seen before answers with the event it became.
 */
public final class InboundReceiver {

  /** The header whose value becomes the event's correlation id. */
  public static final String CORRELATION_ID = "X-Correlation-ID";

  private final Database database;
  private final InboundSourceStore store;
  private final EventBus bus;
  private final EnvelopeValidator validator;
  private final PayloadTypes payloadTypes;
  private final int maxBodyBytes;
  private final Clock clock;
  private final UuidV7 ids;

  /** What became of an accepted request: the event, and whether it was stored before. */
  public record Received(String eventId, boolean duplicate) {}

  /**
   * Creates the receiver.
   *
   * @param payloadTypes turns the JSON payload of a catalogue type into its typed message
   * @param maxBodyBytes the largest body accepted, the events' payload limit
   */
  public InboundReceiver(
      Database database,
      InboundSourceStore store,
      EventBus bus,
      EnvelopeValidator validator,
      PayloadTypes payloadTypes,
      int maxBodyBytes,
      Clock clock,
      RandomGenerator random) {
    this.database = requireNonNull(database, "database");
    this.store = requireNonNull(store, "store");
    this.bus = requireNonNull(bus, "bus");
    this.validator = requireNonNull(validator, "validator");
    this.payloadTypes = requireNonNull(payloadTypes, "payloadTypes");
    this.maxBodyBytes = maxBodyBytes;
    this.clock = requireNonNull(clock, "clock");
    this.ids = new UuidV7(clock, requireNonNull(random, "random"));
  }

  /** Returns the largest body accepted. */
  public int maxBodyBytes() {
    return maxBodyBytes;
  }

  /**
   * Accepts one request to {@code /in/{sourceId}}.
   *
   * @throws InboundRefusal when it is refused; nothing was stored
   */
  public Received receive(String sourceId, InboundHeaders headers, byte[] body) {
    InboundSource source =
        database
            .read(ctx -> store.find(ctx, sourceId))
            .filter(s -> s.status() == SourceStatus.ACTIVE)
            .orElseThrow(
                () ->
                    new InboundRefusal(
                        InboundRefusal.Reason.UNKNOWN_SOURCE,
                        "no active inbound source '" + sourceId + "'"));
    if (body.length > maxBodyBytes) {
      throw new InboundRefusal(
          InboundRefusal.Reason.TOO_LARGE,
          "body is " + body.length + " bytes (expected: at most " + maxBodyBytes + ")");
    }
    Instant now = clock.instant();
    source.verifier().verifier(source.secret()).verify(headers, body, now);
    InboundHeaders named =
        source.verifier().kind() == VerifierKind.STANDARD_WEBHOOKS
            ? headers.withAlias(StandardWebhooksVerifier.ID, StandardWebhooksVerifier.SVIX_ID)
            : headers;
    Set<String> paths = new HashSet<>(source.eventType().bodyPaths());
    source.deliveryId().ifPresent(t -> paths.addAll(t.bodyPaths()));
    Map<String, String> fields = JsonBody.values(body, paths);
    EventEnvelope event = envelope(source, eventType(source, named, fields), named, body, now);
    Optional<String> deliveryId = source.deliveryId().flatMap(t -> t.render(named, fields));
    if (deliveryId.isEmpty()) {
      publish(event);
      return new Received(event.getEventId(), false);
    }
    String claimed =
        database.write(
            tx -> store.claimDelivery(tx, source.id(), deliveryId.get(), event.getEventId(), now));
    if (claimed.equals(event.getEventId())) {
      publish(event);
      return new Received(claimed, false);
    }
    // A retry: stored once. Published again only when the first try never became durable (it
    // crashed, or is still under way: the outbox keeps one row per event id either way).
    if (!database.read(ctx -> store.eventStored(ctx, claimed))) {
      publish(event.toBuilder().setEventId(claimed).build());
    }
    return new Received(claimed, true);
  }

  private static String eventType(
      InboundSource source, InboundHeaders headers, Map<String, String> fields) {
    String type =
        source
            .eventType()
            .render(headers, fields)
            .map(t -> t.toLowerCase(Locale.ROOT))
            .orElseThrow(
                () ->
                    invalidEvent(
                        "event_type: the template "
                            + source.eventType()
                            + " gives nothing for this request"));
    String problem = EventTypes.problem(type);
    if (problem != null) {
      throw invalidEvent("event_type: " + problem);
    }
    return type;
  }

  private EventEnvelope envelope(
      InboundSource source, String type, InboundHeaders headers, byte[] body, Instant now) {
    EventEnvelope.Builder builder =
        EventEnvelope.newBuilder()
            .setEventId(ids.next())
            .setEventType(type)
            .setEventVersion(1)
            .setOccurredAt(
                Timestamp.newBuilder()
                    .setSeconds(now.getEpochSecond())
                    .setNanos(now.getNano())
                    .build())
            .setSource(source.eventSource())
            .setRealmId(source.realmId())
            .setJsonPayload(new String(body, UTF_8))
            .setPurpose(Purpose.PURPOSE_LIVE);
    headers.get(CORRELATION_ID).ifPresent(builder::setCorrelationId);
    EventEnvelope untraced = builder.build();
    EventEnvelope traced =
        TraceContext.parse(
                headers.get(TraceContext.TRACEPARENT).orElse(null),
                headers.get(TraceContext.TRACESTATE).orElse(null))
            .map(trace -> trace.applyTo(untraced))
            .orElse(untraced);
    EventEnvelope event;
    try {
      // A catalogue type (user.created, ...) carries its typed payload, as ingest makes it.
      event = payloadTypes.withTypedPayload(traced);
    } catch (InvalidEnvelopeException e) {
      throw invalidEvent(describe(e.violations()));
    }
    List<FieldViolation> violations = validator.violations(event);
    if (!violations.isEmpty()) {
      throw invalidEvent(describe(violations));
    }
    return event;
  }

  private static String describe(List<FieldViolation> violations) {
    return violations.stream()
        .map(v -> v.field() + ": " + v.reason())
        .collect(Collectors.joining("; "));
  }

  private void publish(EventEnvelope event) {
    try {
      bus.publish(event).join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  private static InboundRefusal invalidEvent(String message) {
    return new InboundRefusal(InboundRefusal.Reason.INVALID_EVENT, message);
  }
}
