package dev.herald.core.emit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.herald.core.Stores;
import dev.herald.core.store.Database;
import dev.herald.proto.event.v1.EventEnvelope;
import dev.herald.proto.event.v1.Subject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the aggregate counters do, whatever the database; one subclass per database. */
abstract class AggregateSequencesContract {

  /** Opens the test's database: a new one on the first call, the same one on later calls. */
  protected abstract Database open(Path folder);

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final Subject ADA = subject("user", "u1");

  @TempDir Path folder;
  private final AggregateSequences sequences = new AggregateSequences();

  private static Subject subject(String type, String id) {
    return Subject.newBuilder().setType(type).setId(id).build();
  }

  private long next(Database database, String realm, Subject subject) {
    return database.write(tx -> sequences.next(tx, realm, subject, NOW));
  }

  @Test
  void countsEachAggregateOfEachRealmFromOne() {
    try (Database database = open(folder)) {
      assertThat(List.of(next(database, "acme", ADA), next(database, "acme", ADA)))
          .containsExactly(1L, 2L);
      assertThat(next(database, "acme", subject("user", "u2"))).isEqualTo(1L);
      assertThat(next(database, "acme", subject("group", "u1"))).isEqualTo(1L);
      assertThat(next(database, "globex", ADA)).isEqualTo(1L);
      assertThat(next(database, "acme", ADA)).isEqualTo(3L);
    }
  }

  @Test
  void rolledBackTransactionGivesItsNumberBack() {
    try (Database database = open(folder)) {
      next(database, "acme", ADA);

      assertThatThrownBy(
              () ->
                  database.write(
                      tx -> {
                        sequences.next(tx, "acme", ADA, NOW);
                        throw new IllegalStateException("the domain write failed");
                      }))
          .hasMessage("the domain write failed");

      assertThat(next(database, "acme", ADA)).isEqualTo(2L);
    }
  }

  @Test
  void keepsCountingAfterARestart() {
    try (Database database = open(folder)) {
      next(database, "acme", ADA);
      next(database, "acme", ADA);
    }
    try (Database reopened = open(folder)) {
      assertThat(next(reopened, "acme", ADA)).isEqualTo(3L);
    }
  }

  @Test
  void writersWithTheirOwnConnectionsShareOneCounter() {
    // Two Database instances on one database: each has its own connections, as two processes do.
    try (Database first = open(folder);
        Database second = open(folder)) {
      List<Long> given = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        given.add(next(i % 2 == 0 ? first : second, "acme", ADA));
      }

      assertThat(given).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
    }
  }

  @Test
  void numbersWhatRemotePublishersLeftUnnumberedOnce() {
    try (Database database = open(folder)) {
      EventEnvelope stored = envelope("e-stored", ADA, 0);
      database.write(
          tx -> {
            Stores.of(database)
                .outbox()
                .append(tx, List.of(stored.toBuilder().setSequence(7).build()), NOW);
            return null;
          });
      List<EventEnvelope> given =
          List.of(
              envelope("e1", ADA, 0),
              envelope("e2", ADA, 0),
              envelope("e1", ADA, 0), // the same event twice in one batch
              stored, // published again
              envelope("e3", ADA, 42), // numbered by its publisher
              envelope("e4", Subject.getDefaultInstance(), 0)); // no aggregate

      List<EventEnvelope> numbered =
          database.write(tx -> sequences.numberUnnumbered(tx, given, NOW));

      assertThat(numbered)
          .extracting(EventEnvelope::getEventId, EventEnvelope::getSequence)
          .containsExactly(
              tuple("e1", 1L),
              tuple("e2", 2L),
              tuple("e1", 0L),
              tuple("e-stored", 0L),
              tuple("e3", 42L),
              tuple("e4", 0L));
      assertThat(next(database, "acme", ADA)).isEqualTo(3L);
    }
  }

  private static EventEnvelope envelope(String id, Subject subject, long sequence) {
    return EventEnvelope.newBuilder()
        .setEventId(id)
        .setEventType("user.updated")
        .setEventVersion(1)
        .setRealmId("acme")
        .setSubject(subject)
        .setSequence(sequence)
        .build();
  }
}
