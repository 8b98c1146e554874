package dev.herald.core.outbox;

import static dev.herald.core.store.jooq.Tables.EVENT_OUTBOX;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.Stores;
import dev.herald.core.envelope.EnvelopeFactory;
import dev.herald.core.store.Database;
import dev.herald.core.testing.SettableClock;
import dev.herald.proto.event.v1.EventEnvelope;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every outbox store does, whatever its database; one subclass per database. */
abstract class OutboxStoreContract {

  /** Opens the test's database: a new one on the first call, the same one on later calls. */
  protected abstract Database open(Path folder);

  @TempDir Path folder;
  protected final SettableClock clock = SettableClock.atEpoch2026();
  protected final EnvelopeFactory events =
      new EnvelopeFactory(clock, new SplittableRandom(3), "urn:herald:test");
  protected Database database;
  protected OutboxStore store;

  @BeforeEach
  void openDatabase() {
    database = open(folder);
    store = Stores.of(database).outbox();
  }

  @AfterEach
  void close() {
    database.close();
  }

  protected void append(EventEnvelope... envelopes) {
    database.write(
        tx -> {
          store.append(tx, List.of(envelopes), clock.instant());
          return null;
        });
  }

  protected OutboxStore.Unrouted unrouted(int limit) {
    return database.read(ctx -> store.unrouted(ctx, limit));
  }

  private List<String> unroutedIds(int limit) {
    return unrouted(limit).events().stream().map(OutboxEvent::eventId).toList();
  }

  protected List<OutboxEvent> markRouted(OutboxStore.Unrouted batch) {
    return database.write(tx -> store.markRouted(tx, batch));
  }

  @Test
  void appendStoresEachEventIdOnce() {
    EventEnvelope a = events.json("user.created", "acme", "{}");
    EventEnvelope b = events.json("user.updated", "acme", "{}");

    append(a);
    append(a, b, b);

    assertThat(unroutedIds(10)).containsExactly(a.getEventId(), b.getEventId());
  }

  @Test
  void unroutedCountCountsTheEventsNotYetMarkedRouted() {
    append(events.json("user.created", "acme", "{}"), events.json("user.updated", "acme", "{}"));
    assertThat(database.read(store::unroutedCount)).isEqualTo(2);

    markRouted(unrouted(1));
    assertThat(database.read(store::unroutedCount)).isEqualTo(1);

    markRouted(unrouted(10));
    assertThat(database.read(store::unroutedCount)).isZero();
  }

  @Test
  void appendingARoutedEventAgainDoesNotRouteItAgain() {
    EventEnvelope a = events.json("user.created", "acme", "{}");
    append(a);
    markRouted(unrouted(10));

    append(a);

    assertThat(unroutedIds(10)).isEmpty();
  }

  @Test
  void unroutedResumesAfterTheCursorInAppendOrder() {
    EventEnvelope a = events.json("user.created", "", "{}");
    EventEnvelope b = events.json("user.created", "", "{}");
    EventEnvelope c = events.json("user.created", "", "{}");
    append(a, b, c);

    OutboxStore.Unrouted first = unrouted(2);
    assertThat(first.events())
        .extracting(OutboxEvent::eventId)
        .containsExactly(a.getEventId(), b.getEventId());
    assertThat(markRouted(first)).isEqualTo(first.events());

    assertThat(unroutedIds(10)).containsExactly(c.getEventId());
  }

  @Test
  void aBatchAnotherRouterRoutedMeanwhileIsRefused() {
    append(events.json("user.created", "", "{}"), events.json("user.created", "", "{}"));
    OutboxStore.Unrouted mine = unrouted(1);
    OutboxStore.Unrouted theirs = unrouted(2);

    assertThat(markRouted(theirs)).isEqualTo(theirs.events());
    assertThat(markRouted(mine)).isEmpty();

    assertThat(unroutedIds(10)).isEmpty();
  }

  @Test
  void routedSelectsOnlyExpandedEventsMatchingTheCondition() {
    EventEnvelope a = events.json("user.created", "acme", "{}");
    EventEnvelope b = events.json("group.created", "acme", "{}");
    EventEnvelope c = events.json("user.created", "acme", "{}");
    append(a, b, c);
    markRouted(unrouted(2));

    List<OutboxEvent> routed =
        database.read(ctx -> store.routed(ctx, EVENT_OUTBOX.EVENT_TYPE.eq("user.created"), 10));

    assertThat(routed).extracting(OutboxEvent::eventId).containsExactly(a.getEventId());
  }

  @Test
  void envelopesReturnsEachAskedRowParsedWhateverHowMany() {
    List<EventEnvelope> stored = new java.util.ArrayList<>();
    for (int i = 0; i < 600; i++) {
      stored.add(events.json("user.created", "", "{\"n\":" + i + "}"));
    }
    append(stored.toArray(EventEnvelope[]::new));
    List<Long> ids = unrouted(1000).events().stream().map(OutboxEvent::id).toList();

    for (List<Long> asked : List.of(ids.subList(0, 2), ids, List.of(ids.get(5), ids.get(5)))) {
      Map<Long, EventEnvelope> found = database.read(ctx -> store.envelopes(ctx, asked));
      assertThat(found.keySet())
          .containsExactlyInAnyOrderElementsOf(new java.util.HashSet<>(asked));
      asked.forEach(id -> assertThat(found.get(id)).isEqualTo(stored.get(ids.indexOf(id))));
    }
  }
}
