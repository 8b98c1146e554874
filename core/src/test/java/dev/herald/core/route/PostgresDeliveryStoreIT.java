package dev.herald.core.route;

import static dev.herald.core.testing.Latches.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.store.Database;
import dev.herald.core.store.PostgresDatabase;
import dev.herald.core.store.PostgresSettings;
import dev.herald.core.testing.TestPostgres;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The delivery store contract on PostgreSQL, and what several nodes sharing it rely on. */
class PostgresDeliveryStoreIT extends DeliveryStoreContract {

  private PostgresSettings settings;

  @Override
  protected Database open(Path folder) {
    if (settings == null) {
      settings = TestPostgres.freshDatabase();
    }
    return PostgresDatabase.open(settings);
  }

  private List<ClaimedDelivery> claim(String owner, int maxInFlight) {
    return database.write(
        tx -> store.claim(tx, A, owner, clock.instant(), LEASE, 100, maxInFlight));
  }

  @Test
  void aTargetsLimitHoldsForAllNodesTogether() {
    for (int i = 0; i < 6; i++) {
      deliver(A);
    }

    List<ClaimedDelivery> first = claim("node-1", 3);
    assertThat(first).hasSize(3);
    assertThat(claim("node-2", 3)).as("the target is at its limit").isEmpty();

    database.write(
        tx -> {
          store.record(
              tx,
              "node-1",
              first.subList(0, 2).stream()
                  .map(
                      d ->
                          new AttemptRecord(
                              d,
                              dev.herald.core.dispatch.DeliveryResult.delivered(),
                              clock.instant(),
                              1,
                              DeliveryStatus.SUCCEEDED,
                              null,
                              null))
                  .toList());
          return null;
        });
    assertThat(claim("node-2", 3)).as("two finished, two more may start").hasSize(2);

    // A node that died holds nothing once its lease ran out: its deliveries are due again.
    clock.advance(LEASE);
    assertThat(claim("node-3", 3)).hasSize(3);
  }

  @Test
  void nodesClaimingOneTargetAtOnceNeverShareADeliveryOrWaitForEachOther() throws Exception {
    for (int i = 0; i < 4; i++) {
      deliver(A);
    }
    CountDownLatch claimed = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    // Node 1 claims and keeps its transaction open; node 2 claims meanwhile.
    CompletableFuture<List<ClaimedDelivery>> first =
        CompletableFuture.supplyAsync(
            () ->
                database.write(
                    tx -> {
                      List<ClaimedDelivery> got =
                          store.claim(tx, A, "node-1", clock.instant(), LEASE, 2, 100);
                      claimed.countDown();
                      await(release);
                      return got;
                    }));
    assertThat(claimed.await(30, TimeUnit.SECONDS)).isTrue();

    List<ClaimedDelivery> whileHeld = claim("node-2", 100);
    release.countDown();
    List<ClaimedDelivery> mine = first.get(30, TimeUnit.SECONDS);
    List<ClaimedDelivery> after = claim("node-2", 100);

    assertThat(whileHeld).as("the target's claim lock is busy: skipped, not waited for").isEmpty();
    assertThat(mine).hasSize(2);
    assertThat(after).hasSize(2);
    assertThat(after)
        .extracting(ClaimedDelivery::id)
        .doesNotContainAnyElementsOf(mine.stream().map(ClaimedDelivery::id).toList());
  }
}
