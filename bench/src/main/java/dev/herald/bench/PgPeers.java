package dev.herald.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.herald.core.store.PostgresSettings;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Herald against the libraries a user would otherwise pick on PostgreSQL, in the same run:
 * db-scheduler and transaction-outbox doing the same work (per event a signed POST to the same
 * receiver and one attempt log row), the same 1 KB events and count, each trial on a fresh database
 * of the same server, alternating with one-node Herald trials of {@link PgWebhookDelivery}.
 */
final class PgPeers implements Scenario {

  private static final int EVENTS = 20_000;
  private static final int WARMUP_PEER_EVENTS = 5_000;
  private static final int WARMUP_ROUNDS = 2; // as peers-sqlite
  private static final int TRIALS = 3;
  private static final int HERALD_POOL_SIZE = 10; // as pg-delivery
  // A connection per worker thread (transaction-outbox holds one through each POST), and some for
  // the libraries' own polling, heartbeats and scheduling.
  private static final int POOL_SIZE = BenchServer.ENDPOINT_MAX_IN_FLIGHT + 4;

  /** Starts a peer on a database whose schema its {@link #schemas} created. */
  private interface Starter {
    Peer start(DataSource dataSource, SignedPost post);
  }

  private record Contender(String name, List<String> schemas, Starter starter) {}

  private static final Contender DB_SCHEDULER =
      new Contender(
          "db_scheduler",
          List.of("peers/db-scheduler-postgresql.sql", AttemptLog.SCHEMA),
          (dataSource, post) ->
              DbSchedulerPeer.start(dataSource, post, DbSchedulerPeer.Polling.LOCK_AND_FETCH));

  private static final Contender TRANSACTION_OUTBOX =
      new Contender("transaction_outbox", List.of(AttemptLog.SCHEMA), TransactionOutboxPeer::start);

  @Override
  public String name() {
    return "pg-peers";
  }

  @Override
  public Findings run(Bench bench) throws Exception {
    double[] herald = new double[TRIALS];
    double[] dbScheduler = new double[TRIALS];
    double[] outbox = new double[TRIALS];
    List<Long> heraldDuplicates = new ArrayList<>();
    List<Long> dbSchedulerDuplicates = new ArrayList<>();
    List<Long> outboxDuplicates = new ArrayList<>();
    double[] heraldCommits = new double[TRIALS];
    double[] dbSchedulerCommits = new double[TRIALS];
    double[] outboxCommits = new double[TRIALS];
    try (SignedPost post = new SignedPost(bench.receiver().origin())) {
      for (int round = 0; round < WARMUP_ROUNDS; round++) {
        heraldRate(bench, new ArrayList<>(), new ArrayList<>());
        peerRate(
            bench, post, DB_SCHEDULER, WARMUP_PEER_EVENTS, new ArrayList<>(), new double[1], 0);
        peerRate(
            bench,
            post,
            TRANSACTION_OUTBOX,
            WARMUP_PEER_EVENTS,
            new ArrayList<>(),
            new double[1],
            0);
      }
      for (int trial = 0; trial < TRIALS; trial++) {
        List<Double> commits = new ArrayList<>();
        herald[trial] = heraldRate(bench, heraldDuplicates, commits);
        heraldCommits[trial] = commits.getFirst();
        dbScheduler[trial] =
            peerRate(
                bench,
                post,
                DB_SCHEDULER,
                EVENTS,
                dbSchedulerDuplicates,
                dbSchedulerCommits,
                trial);
        outbox[trial] =
            peerRate(
                bench, post, TRANSACTION_OUTBOX, EVENTS, outboxDuplicates, outboxCommits, trial);
      }
    }
    List<Result> results =
        List.of(
            Result.ratio(
                "pg_herald_vs_db_scheduler",
                "PostgreSQL: Herald webhook delivery (1 node) vs db-scheduler (signed POST + one"
                    + " log row per attempt), 1 KB",
                Samples.median(herald),
                "deliveries/s",
                Samples.median(dbScheduler),
                "db-scheduler "
                    + DbSchedulerPeer.VERSION
                    + ", one-time task per event, "
                    + DbSchedulerPeer.THREADS
                    + " threads, lock-and-fetch polling, "
                    + DbSchedulerPeer.POLLING_INTERVAL.toSeconds()
                    + " s interval",
                Target.atLeast(8)),
            Result.ratio(
                "pg_herald_vs_transaction_outbox",
                "PostgreSQL: Herald webhook delivery (1 node) vs transaction-outbox (signed POST +"
                    + " one log row per attempt), 1 KB",
                Samples.median(herald),
                "deliveries/s",
                Samples.median(outbox),
                "transaction-outbox "
                    + TransactionOutboxPeer.VERSION
                    + ", plain JDBC, executor of "
                    + TransactionOutboxPeer.THREADS
                    + " threads, "
                    + TransactionOutboxPeer.EVENTS_PER_TRANSACTION
                    + " entries scheduled per transaction",
                Target.atLeast(8)));
    List<String> notes =
        List.of(
            "pg-peers: %d events per trial, %d trials alternating Herald (1 node, pool_size %d), db-scheduler and transaction-outbox after %d warm-up rounds (Herald %d events, peers %d); each trial on a fresh database after a CHECKPOINT; peers on a HikariCP pool of %d; db-scheduler %s: %d worker threads, lock-and-fetch polling (one SELECT … FOR UPDATE SKIP LOCKED claims a batch, lower/upper limits 0.5/1.0 of the threads), every %d s, immediate execution on; transaction-outbox %s: POSTGRESQL_9 persistor, fixed executor of %d threads, %d entries per scheduling transaction, each entry run after commit in its own transaction (lock, POST, log row, delete)"
                .formatted(
                    EVENTS,
                    TRIALS,
                    HERALD_POOL_SIZE,
                    WARMUP_ROUNDS,
                    EVENTS,
                    WARMUP_PEER_EVENTS,
                    POOL_SIZE,
                    DbSchedulerPeer.VERSION,
                    DbSchedulerPeer.THREADS,
                    DbSchedulerPeer.POLLING_INTERVAL.toSeconds(),
                    TransactionOutboxPeer.VERSION,
                    TransactionOutboxPeer.THREADS,
                    TransactionOutboxPeer.EVENTS_PER_TRANSACTION),
            "pg-peers: trials (per second) Herald "
                + Samples.list(herald, "%.0f")
                + "; db-scheduler "
                + Samples.list(dbScheduler, "%.0f")
                + "; transaction-outbox "
                + Samples.list(outbox, "%.0f")
                + "; duplicate deliveries seen by the receiver: Herald "
                + heraldDuplicates
                + ", db-scheduler "
                + dbSchedulerDuplicates
                + ", transaction-outbox "
                + outboxDuplicates,
            "pg-peers: transactions committed per delivery (whole trial, schema included): Herald "
                + Samples.list(heraldCommits, "%.1f")
                + "; db-scheduler "
                + Samples.list(dbSchedulerCommits, "%.1f")
                + "; transaction-outbox "
                + Samples.list(outboxCommits, "%.1f"));
    return new Findings(results, notes);
  }

  private static double heraldRate(Bench bench, List<Long> duplicates, List<Double> commits)
      throws Exception {
    return PgWebhookDelivery.heraldRate(
        bench, 1, EVENTS, duplicates, new ArrayList<>(), new ArrayList<>(), commits);
  }

  /**
   * Delivers {@code count} events through {@code contender} on a fresh database; returns
   * deliveries/s and puts the transactions committed per delivery at {@code commits[trial]}.
   */
  private static double peerRate(
      Bench bench,
      SignedPost post,
      Contender contender,
      int count,
      List<Long> duplicates,
      double[] commits,
      int trial)
      throws Exception {
    BenchPostgres postgres = bench.postgres();
    Receiver receiver = bench.receiver();
    PostgresSettings database = postgres.freshDatabase(contender.name(), POOL_SIZE);
    try {
      double perSecond;
      try (HikariDataSource dataSource = PeerDatabase.postgres(database, POOL_SIZE)) {
        for (String schema : contender.schemas()) {
          PeerDatabase.run(dataSource, schema);
        }
        try (Peer peer = contender.starter().start(dataSource, post)) {
          postgres.checkpoint();
          perSecond =
              peer.deliver(
                  new BenchEvents().next(count, BenchEvents.PAYLOAD_1KB), receiver, duplicates);
        }
      }
      Thread.sleep(1_000); // closed backends report their statistics, within about 500 ms
      commits[trial] = (double) postgres.commits(database) / count;
      return perSecond;
    } finally {
      postgres.drop(database);
    }
  }
}
