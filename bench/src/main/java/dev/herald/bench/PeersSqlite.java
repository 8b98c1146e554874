package dev.herald.bench;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Herald against the library a user would otherwise pick on SQLite, in the same run: db-scheduler
 * doing the same work (per event a signed POST to the same receiver and one attempt log row), the
 * same 1 KB events, the same count, trials alternating with Herald's webhook delivery trials.
 */
final class PeersSqlite implements Scenario {

  private static final int EVENTS = 20_000;
  private static final int WARMUP_PEER_EVENTS = 5_000;
  // As the delivery scenario: Herald's rates still climbed trial after trial after one round.
  private static final int WARMUP_ROUNDS = 2;
  private static final int TRIALS = 3;
  // A connection per worker thread, and some for the scheduler's own polling and heartbeats.
  static final int POOL_SIZE = DbSchedulerPeer.THREADS + 4;

  @Override
  public String name() {
    return "peers-sqlite";
  }

  @Override
  public Findings run(Bench bench) throws Exception {
    double[] herald = new double[TRIALS];
    double[] dbScheduler = new double[TRIALS];
    List<Long> heraldDuplicates = new ArrayList<>();
    List<Long> peerDuplicates = new ArrayList<>();
    try (SignedPost post = new SignedPost(bench.receiver().origin())) {
      for (int round = 0; round < WARMUP_ROUNDS; round++) {
        WebhookDelivery.heraldRate(bench, EVENTS, new ArrayList<>());
        dbSchedulerRate(bench, post, WARMUP_PEER_EVENTS, new ArrayList<>());
      }
      for (int trial = 0; trial < TRIALS; trial++) {
        herald[trial] = WebhookDelivery.heraldRate(bench, EVENTS, heraldDuplicates);
        dbScheduler[trial] = dbSchedulerRate(bench, post, EVENTS, peerDuplicates);
      }
    }
    Result result =
        Result.ratio(
            "herald_vs_db_scheduler_sqlite",
            "Herald webhook delivery vs db-scheduler on SQLite (signed POST + one log row per"
                + " attempt), 1 KB",
            Samples.median(herald),
            "deliveries/s",
            Samples.median(dbScheduler),
            "db-scheduler "
                + DbSchedulerPeer.VERSION
                + ", one-time task per event, "
                + DbSchedulerPeer.THREADS
                + " threads, default polling, "
                + DbSchedulerPeer.POLLING_INTERVAL.toSeconds()
                + " s interval",
            Target.atLeast(8));
    List<String> notes =
        List.of(
            "peers-sqlite: %d events per trial, %d trials alternating Herald and db-scheduler after %d warm-up rounds (Herald %d events, db-scheduler %d); db-scheduler %s: %d worker threads, polling every %d s (fetch, then claim each on execute: its default, SQLite has no SKIP LOCKED), immediate execution on, HikariCP pool of %d on one SQLite file (WAL, synchronous=NORMAL, busy_timeout 10 s)"
                .formatted(
                    EVENTS,
                    TRIALS,
                    WARMUP_ROUNDS,
                    EVENTS,
                    WARMUP_PEER_EVENTS,
                    DbSchedulerPeer.VERSION,
                    DbSchedulerPeer.THREADS,
                    DbSchedulerPeer.POLLING_INTERVAL.toSeconds(),
                    POOL_SIZE),
            "peers-sqlite: trials (per second) Herald "
                + Samples.list(herald, "%.0f")
                + "; db-scheduler "
                + Samples.list(dbScheduler, "%.0f")
                + "; duplicate deliveries seen by the receiver: Herald "
                + heraldDuplicates
                + ", db-scheduler "
                + peerDuplicates);
    return new Findings(List.of(result), notes);
  }

  private static double dbSchedulerRate(
      Bench bench, SignedPost post, int count, List<Long> duplicates) throws Exception {
    Receiver receiver = bench.receiver();
    Path folder = bench.folder("db-scheduler");
    try (HikariDataSource dataSource =
        PeerDatabase.sqlite(folder.resolve("db-scheduler.db"), POOL_SIZE)) {
      PeerDatabase.run(dataSource, "peers/db-scheduler-sqlite.sql");
      PeerDatabase.run(dataSource, AttemptLog.SCHEMA);
      try (DbSchedulerPeer peer =
          DbSchedulerPeer.start(dataSource, post, DbSchedulerPeer.Polling.FETCH)) {
        return peer.deliver(
            new BenchEvents().next(count, BenchEvents.PAYLOAD_1KB), receiver, duplicates);
      }
    } finally {
      Bench.deleteTree(folder);
    }
  }
}
