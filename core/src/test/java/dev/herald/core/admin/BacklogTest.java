package dev.herald.core.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.Stores;
import dev.herald.core.envelope.EnvelopeFactory;
import dev.herald.core.outbox.OutboxStore;
import dev.herald.core.store.Database;
import dev.herald.core.store.SqliteDatabase;
import dev.herald.core.testing.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BacklogTest {

  @TempDir Path folder;
  private final SettableClock clock = SettableClock.atEpoch2026();
  private final EnvelopeFactory events =
      new EnvelopeFactory(clock, new SplittableRandom(1), "urn:herald:test");
  private final AtomicLong nanos = new AtomicLong();
  private Database database;
  private OutboxStore outbox;
  private Backlog backlog;

  @BeforeEach
  void open() {
    database = SqliteDatabase.open(folder.resolve("herald.db"));
    outbox = Stores.of(database).outbox();
    backlog =
        new Backlog(
            database, outbox, new DeliveryQueries(database), Duration.ofSeconds(5), nanos::get);
  }

  @AfterEach
  void close() {
    database.close();
  }

  private void appendOne() {
    database.write(
        tx -> {
          outbox.append(tx, List.of(events.json("user.created", "acme", "{}")), clock.instant());
          return null;
        });
  }

  @Test
  void queriesAtMostOncePerMaxAge() {
    assertThat(backlog.current().unroutedEvents()).isZero();
    appendOne();

    nanos.addAndGet(Duration.ofSeconds(4).toNanos());
    assertThat(backlog.current().unroutedEvents()).as("still the cached snapshot").isZero();

    nanos.addAndGet(Duration.ofSeconds(1).toNanos());
    assertThat(backlog.current().unroutedEvents()).isEqualTo(1);
    assertThat(backlog.current().targets()).isEmpty();
  }
}
