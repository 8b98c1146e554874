package dev.herald.sample.identity;

import static java.util.Objects.requireNonNull;

import dev.herald.core.Stores;
import dev.herald.core.emit.Emitter;
import dev.herald.core.emit.EventContext;
import dev.herald.core.envelope.EnvelopeLimits;
import dev.herald.core.envelope.EnvelopeValidator;
import dev.herald.core.envelope.UuidV7;
import dev.herald.core.identity.IdentityEventType;
import dev.herald.core.identity.IdentityEvents;
import dev.herald.core.outbox.TransactionalOutbox;
import dev.herald.core.store.Database;
import dev.herald.proto.event.v1.Actor;
import dev.herald.proto.event.v1.EventEnvelope;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.jooq.DSLContext;

/**
 * Runs each change to the identity data in one transaction with the events that describe it,
 * appended to Herald's outbox in the same SQLite file or PostgreSQL database, where {@code herald
 * serve} (another process) finds them on its next poll: both commit, or neither does.
 */
final class IdentityChanges {

  /** One change: writes rows through {@code tx} and emits the events that describe it. */
  @FunctionalInterface
  interface Change<T> {
    /** Runs inside the transaction; throwing rolls back the rows and the events. */
    T apply(DSLContext tx, IdentityEvents<EventEnvelope> events);
  }

  private final Database database;
  private final Clock clock;
  private final String realmId;
  private final TransactionalOutbox outbox;
  private final Emitter emitter;
  private final UuidV7 ids;

  /** Creates the changes of one realm's identity data on {@code database}. */
  IdentityChanges(
      Database database, Clock clock, RandomGenerator random, String realmId, String source) {
    this.database = requireNonNull(database, "database");
    this.clock = requireNonNull(clock, "clock");
    this.realmId = requireNonNull(realmId, "realmId");
    EnvelopeValidator validator =
        new EnvelopeValidator(clock, EnvelopeLimits.ofDefaults(), IdentityEventType.payloadTypes());
    // No router in this process to wake: the Herald that delivers polls the database.
    this.outbox =
        new TransactionalOutbox(
            database, Stores.of(database).outbox(), validator::validate, clock, () -> {});
    this.emitter = new Emitter(clock, random, source);
    this.ids = new UuidV7(clock, random);
  }

  /** Runs {@code change} and its events in one write transaction. */
  <T> T run(Change<T> change) {
    return outbox.inTransaction(
        (tx, appender) -> change.apply(tx, IdentityEvents.to(emitter.inTransaction(tx, appender))));
  }

  /** Runs {@code query} on a read connection. */
  <T> T read(Function<DSLContext, T> query) {
    return database.read(query);
  }

  /** Returns the context of one request: this realm, the actor, its correlation id or a new one. */
  EventContext context(Actor actor, Optional<String> correlationId) {
    return correlationId
        .map(id -> new EventContext(realmId, actor, id))
        .orElseGet(() -> emitter.newContext(realmId, actor));
  }

  /** Returns a new id for a user, group or role. */
  String newId() {
    return ids.next();
  }

  /** Returns the time now. */
  Instant now() {
    return clock.instant();
  }
}
