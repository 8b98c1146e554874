package dev.herald.host.admin;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.util.List;
import java.util.Optional;

/**
 * What an admin change was about, read from its request and (when it succeeded) its response: the
 * target's id and its realm. Reads fields by name, so every admin method is covered by the same few
 * rules.
 */
record AuditSubject(Optional<String> target, Optional<String> realm) {

  // Where a target id is found, first match wins: the request's own id, the id the response
  // assigned (a created webhook or subscription, a new key), then the request's target filter.
  private static final List<String> REQUEST_IDS = List.of("id");
  private static final List<String> RESPONSE_IDS =
      List.of("id", "webhook.id", "key_id", "api_key.id");
  private static final List<String> REQUEST_TARGETS = List.of("webhook_id", "plugin_id");

  /**
   * Reads the subject of a request and its response, which is null when it failed.
   *
   * @param realmBefore the realm of the target as it was before the call, for requests and
   *     responses that name none (a deleted or tested webhook)
   */
  static AuditSubject of(Message request, Message response, Optional<String> realmBefore) {
    Optional<String> target = first(request, REQUEST_IDS);
    if (target.isEmpty() && response != null) {
      target = first(response, RESPONSE_IDS);
    }
    if (target.isEmpty()) {
      target = first(request, REQUEST_TARGETS);
    }
    return new AuditSubject(target, realm(request, response).or(() -> realmBefore));
  }

  /** Returns the id of the webhook a request of the webhook service is about, if it names one. */
  static Optional<String> webhookId(Message request) {
    return first(request, List.of("webhook_id", "id"));
  }

  private static Optional<String> realm(Message request, Message response) {
    if (request == null) {
      return Optional.empty();
    }
    if (Boolean.TRUE.equals(value(request, "all_realms").orElse(null))) {
      return Optional.empty();
    }
    // An empty realm_id is the default realm, so it counts where the field is present.
    Optional<String> realm = value(request, "realm_id").map(Object::toString);
    if (realm.isEmpty() && response != null) {
      realm =
          value(response, "realm_id")
              .or(() -> value(response, "webhook.realm_id"))
              .map(Object::toString);
    }
    return realm;
  }

  private static Optional<String> first(Message message, List<String> paths) {
    if (message == null) {
      return Optional.empty();
    }
    for (String path : paths) {
      Optional<String> found =
          value(message, path).map(Object::toString).filter(v -> !v.isEmpty() && !v.equals("0"));
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  /** Returns the scalar at a dotted path, or empty when the path is absent or unset. */
  private static Optional<Object> value(Message message, String path) {
    Message current = message;
    String[] names = path.split("\\.");
    for (int i = 0; i < names.length; i++) {
      FieldDescriptor field = current.getDescriptorForType().findFieldByName(names[i]);
      if (field == null || field.isRepeated()) {
        return Optional.empty();
      }
      if (field.hasPresence() && !current.hasField(field)) {
        return Optional.empty();
      }
      Object value = current.getField(field);
      if (i == names.length - 1) {
        return value instanceof Message ? Optional.empty() : Optional.of(value);
      }
      if (!(value instanceof Message next)) {
        return Optional.empty();
      }
      current = next;
    }
    return Optional.empty();
  }
}
