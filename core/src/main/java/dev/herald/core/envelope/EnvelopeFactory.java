package dev.herald.core.envelope;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.Timestamp;
import dev.herald.proto.event.v1.EventEnvelope;
import dev.herald.proto.event.v1.Purpose;
import java.time.Clock;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * Stamps new LIVE envelopes with an id, the time and the source, for {@code herald publish --type
 * user.created --data '{...}'} and for typed emitters; the result is not validated here but on
 * publish.
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
    requireNonNull(jsonPayload, "jsonPayload");
    return stamped(eventType, 1, realmId).setJsonPayload(jsonPayload).build();
  }

  /**
   * Returns a builder holding a new UUIDv7 id, the clock's time, this factory's source, purpose
   * LIVE, and the given type, version and realm; the caller adds the payload and the rest.
   */
  public EventEnvelope.Builder stamped(String eventType, int eventVersion, String realmId) {
    requireNonNull(eventType, "eventType");
    requireNonNull(realmId, "realmId");
    Instant now = clock.instant();
    return EventEnvelope.newBuilder()
        // The id carries the same millisecond as occurred_at.
        .setEventId(ids.next(now.toEpochMilli()))
        .setEventType(eventType)
        .setEventVersion(eventVersion)
        .setOccurredAt(
            Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
        .setSource(source)
        .setRealmId(realmId)
        .setPurpose(Purpose.PURPOSE_LIVE);
  }
}
