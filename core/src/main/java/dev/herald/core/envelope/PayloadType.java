package dev.herald.core.envelope;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Message;

/**
 * The payload a known event type carries at one {@code event_version}: a typed message, e.g. {@code
 * user.created} v1 carries {@code herald.identity.v1.UserCreated}.
 *
 * @param eventType the event type, e.g. {@code user.created}
 * @param eventVersion the payload's major version, from 1
 * @param prototype the default instance of the payload message
 */
public record PayloadType(String eventType, int eventVersion, Message prototype) {

  /** Creates a payload type; the event type must be well-formed and the version at least 1. */
  public PayloadType {
    requireNonNull(eventType, "eventType");
    requireNonNull(prototype, "prototype");
    String problem = EventTypes.problem(eventType);
    if (problem != null) {
      throw new IllegalArgumentException("eventType: " + problem);
    }
    if (eventVersion < 1) {
      throw new IllegalArgumentException("eventVersion: " + eventVersion + " (expected: >= 1)");
    }
    prototype = prototype.getDefaultInstanceForType();
  }

  /** Returns the payload message's descriptor. */
  public Descriptor descriptor() {
    return prototype.getDescriptorForType();
  }

  /** Returns the payload message's full name, e.g. {@code herald.identity.v1.UserCreated}. */
  public String messageName() {
    return descriptor().getFullName();
  }

  /** Returns the event type and version, e.g. {@code user.created v1}. */
  @Override
  public String toString() {
    return eventType + " v" + eventVersion;
  }
}
