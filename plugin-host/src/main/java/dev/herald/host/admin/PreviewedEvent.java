package dev.herald.host.admin;

import dev.herald.core.admin.AdminException;
import dev.herald.core.admin.EventLookup;
import dev.herald.proto.event.v1.EventEnvelope;

/** Finds the stored event a preview call names, within the caller's realms. */
final class PreviewedEvent {

  private PreviewedEvent() {}

  /**
   * Returns the event's envelope.
   *
   * @throws AdminException INVALID_ARGUMENT when no id is given, NOT_FOUND when there is no such
   *     event, PERMISSION_DENIED when the caller's token does not cover its realm
   */
  static EventEnvelope find(EventLookup events, String eventId) {
    if (eventId.isEmpty()) {
      throw AdminException.invalid("event_id", "empty (expected: a stored event's id)");
    }
    EventEnvelope event = events.find(eventId).envelope();
    Caller.current().requireRealm(event.getRealmId());
    return event;
  }
}
