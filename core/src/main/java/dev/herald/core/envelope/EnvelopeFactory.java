package dev.herald.core.envelope;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.Timestamp;
import dev.herald.proto.event.v1.EventEnvelope;
import dev.herald.proto.event.v1.Purpose;
import java.time.Clock;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * Builds LIVE envelopes for callers that have only an event type and data, such as {@code herald
 * publish --type user.created --data '{...}'}; the result is not validated here but on publish.
 */
public final class EnvelopeFactory {

  private final Clock clock;
  private final UuidV7 ids;
  private final String source;

  /** Creates a factory stamping envelopes with the clock's time, random ids and {@code source}. */
  public EnvelopeFactory(Clock clock, RandomGenerator random, String source) {
    this.clock = requireNonNull(clock, "clock");
    this.ids = new UuidV7(clock, requireNonNull(random, "random"));
    this.source = requireNonNull(source, "source");
  }

  /**
   * Returns a new envelope with a UUIDv7 id, version 1, the clock's time, this factory's source,
   * purpose LIVE and {@code jsonPayload} as its data; {@code realmId} is empty without tenants.
   */
  public EventEnvelope json(String eventType, String realmId, String jsonPayload) {
    requireNonNull(eventType, "eventType");
    requireNonNull(realmId, "realmId");
    requireNonNull(jsonPayload, "jsonPayload");
    Instant now = clock.instant();
    return EventEnvelope.newBuilder()
        // The id carries the same millisecond as occurred_at.
        .setEventId(ids.next(now.toEpochMilli()))
        .setEventType(eventType)
        .setEventVersion(1)
        .setOccurredAt(
            Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
        .setSource(source)
        .setRealmId(realmId)
        .setJsonPayload(jsonPayload)
        .setPurpose(Purpose.PURPOSE_LIVE)
        .build();
  }
}
