package dev.herald.core.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.envelope.EnvelopeFactory;
import dev.herald.core.store.SqliteDatabase;
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

class JooqOutboxStoreTest {

  @TempDir Path folder;
  private final SettableClock clock = SettableClock.atEpoch2026();
  private final EnvelopeFactory events =
      new EnvelopeFactory(clock, new SplittableRandom(3), "urn:herald:test");
  private final JooqOutboxStore store = new JooqOutboxStore();
  private SqliteDatabase database;

  @BeforeEach
  void open() {
    database = SqliteDatabase.open(folder.resolve("h.db"));
  }

  @AfterEach
  void close() {
    database.close();
  }

  private int append(EventEnvelope... envelopes) {
    return database.write(tx -> store.append(tx, List.of(envelopes), clock.instant()));
  }

  private OutboxStore.Unrouted unrouted(int limit) {
    return database.read(ctx -> store.unrouted(ctx, limit));
  }

  private List<String> unroutedIds(int limit) {
    return unrouted(limit).events().stream().map(OutboxEvent::eventId).toList();
  }

  private boolean markRouted(OutboxStore.Unrouted batch) {
    return database.write(tx -> store.markRouted(tx, batch));
  }

  @Test
  void appendCountsOnlyNewEventIds() {
    EventEnvelope a = events.json("user.created", "acme", "{}");
    EventEnvelope b = events.json("user.updated", "acme", "{}");

    assertThat(append(a)).isEqualTo(1);
    assertThat(append(a, b, b)).isEqualTo(1);

    assertThat(unroutedIds(10)).containsExactly(a.getEventId(), b.getEventId());
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
    assertThat(markRouted(first)).isTrue();

    assertThat(unroutedIds(10)).containsExactly(c.getEventId());
  }

  @Test
  void aBatchAnotherRouterRoutedMeanwhileIsRefused() {
    append(events.json("user.created", "", "{}"), events.json("user.created", "", "{}"));
    OutboxStore.Unrouted mine = unrouted(1);
    OutboxStore.Unrouted theirs = unrouted(2);

    assertThat(markRouted(theirs)).isTrue();
    assertThat(markRouted(mine)).isFalse();

    assertThat(unroutedIds(10)).isEmpty();
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
