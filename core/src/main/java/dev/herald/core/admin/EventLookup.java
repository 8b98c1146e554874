package dev.herald.core.admin;

import static dev.herald.core.store.jooq.Tables.EVENT_OUTBOX;
import static java.util.Objects.requireNonNull;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.herald.core.store.Database;
import dev.herald.proto.event.v1.EventEnvelope;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;

/** Finds a stored event by its id, with its deliveries. */
public final class EventLookup {

  private final Database database;
  private final DeliveryQueries deliveries;

  /** Creates the look-up on the given database. */
  public EventLookup(Database database, DeliveryQueries deliveries) {
    this.database = requireNonNull(database, "database");
    this.deliveries = requireNonNull(deliveries, "deliveries");
  }

  /**
   * Returns the event.
   *
   * @throws AdminException NOT_FOUND when no event has that id
   */
  public StoredEvent find(String eventId) {
    var row =
        database.read(
            ctx ->
                ctx.select(EVENT_OUTBOX.ENVELOPE, EVENT_OUTBOX.CREATED_AT)
                    .from(EVENT_OUTBOX)
                    .where(EVENT_OUTBOX.EVENT_ID.eq(eventId))
                    .fetchOne());
    if (row == null) {
      throw AdminException.notFound("event '" + eventId + "'");
    }
    EventEnvelope envelope;
    try {
      envelope = EventEnvelope.parseFrom(row.value1());
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("event " + eventId + ": stored envelope does not parse", e);
    }
    return new StoredEvent(
        envelope, Instant.ofEpochMilli(row.value2()), deliveries.ofEvent(eventId));
  }

  /** Returns which of the given event ids are stored already. */
  public Set<String> storedIds(Collection<String> eventIds) {
    return database.read(
        ctx ->
            ctx.select(EVENT_OUTBOX.EVENT_ID)
                .from(EVENT_OUTBOX)
                .where(EVENT_OUTBOX.EVENT_ID.in(eventIds))
                .fetchSet(EVENT_OUTBOX.EVENT_ID));
  }
}
