package dev.herald.core.emit;

import static java.util.Objects.requireNonNull;

import dev.herald.proto.event.v1.Actor;

/**
 * Where a change comes from (its realm, who made it, the request it belongs to), shared by every
 * event one request causes so that they share the correlation id.
 *
 * @param realmId the tenant; empty when the emitter has no tenants
 * @param actor who made the change
 * @param correlationId the request's id, shared by every event it causes
 */
public record EventContext(String realmId, Actor actor, String correlationId) {

  /** Creates a context; the correlation id must not be empty. */
  public EventContext {
    requireNonNull(realmId, "realmId");
    requireNonNull(actor, "actor");
    requireNonNull(correlationId, "correlationId");
    if (correlationId.isEmpty()) {
      throw new IllegalArgumentException("correlationId: empty (expected: the request's id)");
    }
  }
}
