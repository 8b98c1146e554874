package dev.herald.core.testing;

import static dev.herald.core.store.jooq.Tables.DELIVERIES;
import static dev.herald.core.store.jooq.Tables.EVENT_OUTBOX;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.herald.core.store.Database;
import dev.herald.proto.event.v1.EventEnvelope;
import java.util.List;

/** Reads what a test's database holds: the stored envelopes and the delivered event ids. */
public final class StoredEvents {

  private StoredEvents() {}

  /** Returns every envelope in the outbox, oldest first. */
  public static List<EventEnvelope> envelopes(Database database) {
    return database.read(
        ctx ->
            ctx.select(EVENT_OUTBOX.ENVELOPE)
                .from(EVENT_OUTBOX)
                .orderBy(EVENT_OUTBOX.ID)
                .fetch(record -> parse(record.value1())));
  }

  /** Returns the event ids of the deliveries that succeeded, in the order they were made. */
  public static List<String> deliveredEventIds(Database database) {
    return database.read(
        ctx ->
            ctx.select(DELIVERIES.EVENT_ID)
                .from(DELIVERIES)
                .where(DELIVERIES.STATUS.eq("succeeded"))
                .orderBy(DELIVERIES.ID)
                .fetch(DELIVERIES.EVENT_ID));
  }

  private static EventEnvelope parse(byte[] bytes) {
    try {
      return EventEnvelope.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError("stored envelope does not parse", e);
    }
  }
}
