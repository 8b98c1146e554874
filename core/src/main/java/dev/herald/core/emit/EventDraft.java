package dev.herald.core.emit;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.Message;
import dev.herald.proto.event.v1.Subject;

/**
 * An event about to be emitted: everything but what the emitter stamps (id, time, source) and the
 * aggregate's next sequence.
 *
 * @param context where the change comes from
 * @param eventType e.g. {@code user.created}
 * @param eventVersion the payload's major version
 * @param subject the aggregate the event is about; its id must not be empty
 * @param payload the typed payload
 */
public record EventDraft(
    EventContext context, String eventType, int eventVersion, Subject subject, Message payload) {

  /** Creates a draft of an event about a named aggregate. */
  public EventDraft {
    requireNonNull(context, "context");
    requireNonNull(eventType, "eventType");
    requireNonNull(subject, "subject");
    requireNonNull(payload, "payload");
    if (subject.getType().isEmpty() || subject.getId().isEmpty()) {
      throw new IllegalArgumentException(
          "subject: '"
              + subject.getType()
              + ":"
              + subject.getId()
              + "' for "
              + eventType
              + " (expected: the type and id of the aggregate, e.g. user:u1)");
    }
  }
}
