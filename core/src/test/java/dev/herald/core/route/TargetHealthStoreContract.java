package dev.herald.core.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.Stores;
import dev.herald.core.dispatch.TargetRef;
import dev.herald.core.store.Database;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every target health store does, whatever its database; one subclass per database. */
abstract class TargetHealthStoreContract {

  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  private static final TargetRef HOOK = TargetRef.webhook("billing");
  private static final TargetRef PLUGIN = new TargetRef(TargetRef.PLUGIN, "billing");

  /** Opens the test's database: a new one on the first call, the same one on later calls. */
  protected abstract Database open(Path folder);

  @TempDir Path folder;

  private static TargetHealthStore store(Database database) {
    return Stores.of(database).targetHealth();
  }

  private static void write(Database database, Consumer<DSLContext> change) {
    database.write(
        tx -> {
          change.accept(tx);
          return null;
        });
  }

  private static Optional<TargetHealth> find(Database database, TargetRef target) {
    return database.read(ctx -> store(database).find(ctx, target));
  }

  private static Optional<Instant> failingSince(Database database, TargetRef target) {
    return find(database, target).flatMap(TargetHealth::failingSince);
  }

  @Test
  void aStreakKeepsItsFirstFailureUntilASuccessEndsIt() {
    try (Database database = open(folder)) {
      TargetHealthStore store = store(database);
      write(database, tx -> store.failed(tx, HOOK, T0, false, "HTTP 503", T0));
      write(database, tx -> store.failed(tx, HOOK, T0.plusSeconds(60), false, "timeout", T0));
      write(database, tx -> store.failed(tx, PLUGIN, T0.plusSeconds(5), false, "UNAVAILABLE", T0));

      assertThat(failingSince(database, HOOK)).contains(T0);
      assertThat(find(database, HOOK).flatMap(TargetHealth::lastError)).contains("timeout");
      assertThat(failingSince(database, PLUGIN))
          .as("same id, other kind")
          .contains(T0.plusSeconds(5));

      write(database, tx -> store.succeeded(tx, List.of(HOOK), T0.plusSeconds(90)));
      assertThat(failingSince(database, HOOK)).isEmpty();
      assertThat(failingSince(database, PLUGIN)).contains(T0.plusSeconds(5));

      write(database, tx -> store.failed(tx, HOOK, T0.plusSeconds(100), false, "HTTP 500", T0));
      assertThat(failingSince(database, HOOK)).contains(T0.plusSeconds(100));
      write(database, tx -> store.failed(tx, HOOK, T0.plusSeconds(200), true, "HTTP 500", T0));
      assertThat(failingSince(database, HOOK))
          .as("a success just before restarts the streak")
          .contains(T0.plusSeconds(200));
    }
  }

  @Test
  void aDisableHappensOnceIsListedAndSurvivesAReopenUntilReset() {
    Instant disabledAt = T0.plus(Duration.ofDays(5));
    try (Database database = open(folder)) {
      TargetHealthStore store = store(database);
      write(database, tx -> store.failed(tx, PLUGIN, T0, false, "UNAVAILABLE", T0));
      boolean first =
          database.write(tx -> store.disable(tx, PLUGIN, "auto-disabled: x", disabledAt));
      boolean second =
          database.write(tx -> store.disable(tx, PLUGIN, "again", disabledAt.plusSeconds(1)));
      assertThat(first).isTrue();
      assertThat(second).as("already disabled, perhaps by another node").isFalse();
      List<TargetHealth> webhooks = database.read(ctx -> store.disabled(ctx, TargetRef.WEBHOOK));
      assertThat(webhooks).isEmpty();
    }
    try (Database reopened = open(folder)) {
      TargetHealthStore store = store(reopened);
      List<TargetHealth> disabled = reopened.read(ctx -> store.disabled(ctx, TargetRef.PLUGIN));
      assertThat(disabled).hasSize(1);
      assertThat(disabled.get(0).target()).isEqualTo(PLUGIN);
      assertThat(disabled.get(0).disabledAt()).contains(disabledAt);
      assertThat(disabled.get(0).disabledReason()).contains("auto-disabled: x");
      assertThat(disabled.get(0).failingSince()).contains(T0);

      write(reopened, tx -> store.reset(tx, PLUGIN));
      assertThat(find(reopened, PLUGIN)).isEmpty();
      List<TargetHealth> after = reopened.read(ctx -> store.disabled(ctx, TargetRef.PLUGIN));
      assertThat(after).isEmpty();
    }
  }
}
