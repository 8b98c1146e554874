package dev.herald.core.emit;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.Any;
import dev.herald.core.bus.EventBus;
import dev.herald.core.envelope.EnvelopeFactory;
import dev.herald.core.envelope.UuidV7;
import dev.herald.core.outbox.TransactionalOutbox;
import dev.herald.core.store.Database;
import dev.herald.proto.event.v1.Actor;
import dev.herald.proto.event.v1.EventEnvelope;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.jooq.DSLContext;

/**
 * Builds envelopes of events about aggregates (realm, actor, subject, the aggregate's next
 * sequence, correlation id, typed payload, and a new id, the time and the source) and sends them
 * into the caller's transaction, onto the bus, or to a remote Herald. Thread-safe.
 */
public final class Emitter {

  private final Clock clock;
  private final EnvelopeFactory envelopes;
  private final UuidV7 correlationIds;
  private final AggregateSequences sequences = new AggregateSequences();

  /** Creates an emitter stamping envelopes with {@code clock}'s time, ids and {@code source}. */
  public Emitter(Clock clock, RandomGenerator random, String source) {
    this.clock = requireNonNull(clock, "clock");
    this.envelopes = new EnvelopeFactory(clock, requireNonNull(random, "random"), source);
    this.correlationIds = new UuidV7(clock, random);
  }

  /** Returns the context of a new request: the realm, the actor and a new correlation id. */
  public EventContext newContext(String realmId, Actor actor) {
    return new EventContext(realmId, actor, correlationIds.next());
  }

  /**
   * Returns a sink that appends each event through {@code outbox} inside the caller's open
   * transaction {@code tx}, counting the aggregate's sequence in it too: both commit or roll back
   * with the caller's change. The sink returns the appended envelope.
   */
  public EventSink<EventEnvelope> inTransaction(
      DSLContext tx, TransactionalOutbox.Appender outbox) {
    requireNonNull(tx, "tx");
    requireNonNull(outbox, "outbox");
    return draft -> {
      EventEnvelope envelope = envelope(tx, draft);
      outbox.append(envelope);
      return envelope;
    };
  }

  /**
   * Returns a sink that publishes each event on {@code bus} and returns a future completed once it
   * is durable, after counting the aggregate's sequence in a write transaction of its own on {@code
   * database} (so a refused publish leaves a gap in the sequence, never a repeat).
   */
  public EventSink<CompletableFuture<EventEnvelope>> viaBus(EventBus bus, Database database) {
    requireNonNull(bus, "bus");
    requireNonNull(database, "database");
    return draft -> {
      EventEnvelope envelope = database.write(tx -> envelope(tx, draft));
      return bus.publish(envelope).thenApply(durable -> envelope);
    };
  }

  /**
   * Returns a sink that hands each event to {@code publisher}, e.g. a client of a remote Herald's
   * ingest API, and returns a future of the envelope completed when the publisher's future is. The
   * envelope leaves its sequence unset: the Herald that stores it numbers it in the aggregate's
   * sequence, in its own database.
   */
  public EventSink<CompletableFuture<EventEnvelope>> remote(
      Function<EventEnvelope, ? extends CompletableFuture<?>> publisher) {
    requireNonNull(publisher, "publisher");
    return draft -> {
      EventEnvelope envelope = stamped(draft).build();
      return publisher.apply(envelope).thenApply(accepted -> envelope);
    };
  }

  private EventEnvelope envelope(DSLContext tx, EventDraft draft) {
    long sequence = sequences.next(tx, draft.context().realmId(), draft.subject(), clock.instant());
    return stamped(draft).setSequence(sequence).build();
  }

  private EventEnvelope.Builder stamped(EventDraft draft) {
    requireNonNull(draft, "draft");
    EventContext context = draft.context();
    return envelopes
        .stamped(draft.eventType(), draft.eventVersion(), context.realmId())
        .setActor(context.actor())
        .setSubject(draft.subject())
        .setCorrelationId(context.correlationId())
        .setProtoPayload(Any.pack(draft.payload()));
  }
}
