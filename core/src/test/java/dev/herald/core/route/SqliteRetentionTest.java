package dev.herald.core.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.Stores;
import dev.herald.core.retention.PurgeSteps;
import dev.herald.core.retention.Retention;
import dev.herald.core.retention.RetentionPolicy;
import dev.herald.core.retention.RetentionSettings;
import dev.herald.core.store.Database;
import dev.herald.core.store.SqliteDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqliteRetentionTest extends RetentionContract {

  @Override
  protected Database open(Path folder) {
    return SqliteDatabase.open(folder.resolve("herald.db"));
  }

  private long pragma(String name) {
    return database.read(ctx -> ((Number) ctx.fetchValue("PRAGMA " + name)).longValue());
  }

  @Test
  void aNewFileGivesThePagesRetentionFreedBackToTheFileSystem() {
    assertThat(pragma("auto_vacuum")).as("incremental").isEqualTo(2);
    for (int i = 0; i < 1000; i++) {
      deliver(A, B);
    }
    for (List<ClaimedDelivery> claimed = claim("w1"); !claimed.isEmpty(); claimed = claim("w1")) {
      record("w1", claimed.stream().map(this::succeeded).toArray(AttemptRecord[]::new));
    }
    long full = pragma("page_count");
    clock.advance(Duration.ofDays(31));

    new Retention(
            database,
            PurgeSteps.of(Stores.of(database), RetentionPolicy.ofDefaults()),
            new RetentionSettings(Duration.ofMinutes(1), 100, Duration.ZERO, 10),
            clock)
        .runPass();

    assertThat(pragma("freelist_count")).as("free pages left").isLessThanOrEqualTo(10);
    assertThat(pragma("page_count")).isLessThan(full / 2);
  }
}
