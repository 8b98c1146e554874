package dev.herald.sample.identity;

import com.linecorp.armeria.server.ServiceRequestContext;
import dev.herald.core.emit.EventContext;
import dev.herald.proto.event.v1.Actor;
import dev.herald.proto.event.v1.ActorType;
import java.util.Optional;

/**
 * Where a REST request comes from, as its events record it: the actor (the user named by {@code
 * X-Actor-Id}, else this service), the caller's address, and {@code X-Correlation-ID} or a new id.
 */
final class RequestOrigin {

  /** The header naming the user who acts, e.g. the administrator behind a console. */
  static final String ACTOR_HEADER = "x-actor-id";

  /** The header carrying the caller's correlation id. */
  static final String CORRELATION_HEADER = "x-correlation-id";

  /** The service account that acts when a request names no user. */
  static final String SERVICE_ACCOUNT = "identity-sample";

  private RequestOrigin() {}

  /** Returns the events' context for the request being served. */
  static EventContext of(ServiceRequestContext request, IdentityChanges changes) {
    String user = request.request().headers().get(ACTOR_HEADER);
    Actor.Builder actor =
        user == null || user.isEmpty()
            ? Actor.newBuilder()
                .setType(ActorType.ACTOR_TYPE_SERVICE_ACCOUNT)
                .setId(SERVICE_ACCOUNT)
            : Actor.newBuilder().setType(ActorType.ACTOR_TYPE_USER).setId(user);
    actor.setIp(request.clientAddress().getHostAddress());
    return changes.context(
        actor.build(),
        Optional.ofNullable(request.request().headers().get(CORRELATION_HEADER))
            .filter(id -> !id.isEmpty()));
  }
}
