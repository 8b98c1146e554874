package dev.herald.core.admin;

import static dev.herald.core.store.jooq.Tables.BACKLOG_SAMPLES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.store.Database;
import dev.herald.core.store.SqliteDatabase;
import dev.herald.core.testing.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BacklogSamplerTest {

  @TempDir Path folder;
  private final SettableClock clock = SettableClock.atEpoch2026();
  private Database database;
  private BacklogSampler first;
  private BacklogSampler second;

  @BeforeEach
  void open() {
    database = SqliteDatabase.open(folder.resolve("herald.db"));
    first = sampler();
    second = sampler();
  }

  private BacklogSampler sampler() {
    return new BacklogSampler(
        database,
        new DeliveryQueries(database),
        clock,
        Executors.newSingleThreadScheduledExecutor());
  }

  @AfterEach
  void close() {
    first.close();
    second.close();
    database.close();
  }

  private List<Instant> minutes() {
    return database.read(
        ctx ->
            ctx.select(BACKLOG_SAMPLES.MINUTE_AT)
                .from(BACKLOG_SAMPLES)
                .orderBy(BACKLOG_SAMPLES.MINUTE_AT)
                .fetch(r -> Instant.ofEpochMilli(r.value1())));
  }

  @Test
  void writesEachMinuteOnceWhoeverSamplesIt() {
    clock.advance(Duration.ofSeconds(30));
    Instant minute = first.sample();
    clock.advance(Duration.ofSeconds(20));
    assertThat(second.sample()).as("another node, the same minute").isEqualTo(minute);
    assertThat(minute.toEpochMilli() % 60_000).isZero();
    assertThat(minutes()).as("an empty backlog is sampled too, once").containsExactly(minute);

    clock.advance(Duration.ofSeconds(20));
    Instant next = second.sample();
    assertThat(minutes()).containsExactly(minute, next);
    assertThat(next).isEqualTo(minute.plus(BacklogSampler.INTERVAL));
  }

  @Test
  void deletesSamplesOlderThanItKeeps() {
    Instant old = first.sample();
    clock.advance(BacklogSampler.KEPT);
    Instant kept = first.sample();
    clock.advance(Duration.ofMinutes(1));
    Instant latest = first.sample();

    assertThat(minutes()).doesNotContain(old).containsExactly(kept, latest);
  }
}
