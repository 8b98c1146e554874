package dev.herald.bench;

import dev.herald.core.store.PostgresSettings;
import dev.herald.proto.event.v1.EventEnvelope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Webhook delivery end to end on PostgreSQL, one node and two: N events published (alternately on
 * each node's bus) until every delivery is signed, answered 200 and recorded as succeeded with its
 * attempt log, against the raw keep-alive POST loop of {@link WebhookDelivery}, same body size and
 * concurrency, same receiver; and one node against the storage floor of a delivery on PostgreSQL
 * ({@link RawDeliveryRows}). Two nodes are two {@code HeraldServer}s in this JVM on one database,
 * each with its own pool, router, HTTP client and API port; the endpoint's max_in_flight holds for
 * both together (PostgreSQL counts it in the database).
 */
final class PgWebhookDelivery implements Scenario {

  private static final int EVENTS = 20_000;
  private static final int WARMUP_EVENTS = 20_000;
  private static final int WARMUP_ROUNDS = 2;
  private static final int RAW_REQUESTS = 60_000;
  private static final int TRIALS = 3;
  private static final int POOL_SIZE = 10;

  @Override
  public String name() {
    return "pg-delivery";
  }

  @Override
  public Findings run(Bench bench) throws Exception {
    BenchPostgres postgres = bench.postgres();
    Receiver receiver = bench.receiver();
    double[] oneNode = new double[TRIALS];
    double[] twoNodes = new double[TRIALS];
    double[] raw = new double[2 * TRIALS]; // two raw trials per round, as the SQLite scenario
    double[] floor = new double[TRIALS];
    List<Long> duplicates = new ArrayList<>();
    List<List<Long>> shares = new ArrayList<>();
    List<CpuShare> oneNodeCpu = new ArrayList<>();
    List<CpuShare> twoNodesCpu = new ArrayList<>();
    List<CpuShare> floorCpu = new ArrayList<>();
    List<Double> oneNodeCommits = new ArrayList<>();
    List<Double> twoNodesCommits = new ArrayList<>();
    try (RawPostLoop loop = new RawPostLoop(receiver.origin(), BenchEvents.webhookBody1kb())) {
      for (int round = 0; round < WARMUP_ROUNDS; round++) {
        WebhookDelivery.rawRate(loop, receiver, RAW_REQUESTS);
        heraldRate(bench, 1, WARMUP_EVENTS, duplicates, new ArrayList<>(), new ArrayList<>(), null);
        heraldRate(bench, 2, WARMUP_EVENTS, duplicates, new ArrayList<>(), new ArrayList<>(), null);
      }
      for (int trial = 0; trial < TRIALS; trial++) {
        raw[2 * trial] = WebhookDelivery.rawRate(loop, receiver, RAW_REQUESTS);
        raw[2 * trial + 1] = WebhookDelivery.rawRate(loop, receiver, RAW_REQUESTS);
        oneNode[trial] =
            heraldRate(bench, 1, EVENTS, duplicates, new ArrayList<>(), oneNodeCpu, oneNodeCommits);
        twoNodes[trial] =
            heraldRate(bench, 2, EVENTS, duplicates, shares, twoNodesCpu, twoNodesCommits);
        floor[trial] = floorRate(postgres, floorCpu);
      }
    }
    String baseline =
        "Armeria WebClient keep-alive POST loop, same body size, "
            + BenchServer.ENDPOINT_MAX_IN_FLIGHT
            + " in flight";
    List<Result> results =
        List.of(
            Result.ratio(
                "pg_webhook_delivery_1_node",
                "PostgreSQL: webhook delivery end to end, 1 node, 1 KB",
                Samples.median(oneNode),
                "deliveries/s",
                Samples.median(raw),
                baseline,
                Target.NONE),
            Result.ratio(
                "pg_webhook_delivery_2_nodes",
                "PostgreSQL: webhook delivery end to end, 2 nodes on one database (one JVM), 1 KB",
                Samples.median(twoNodes),
                "deliveries/s",
                Samples.median(raw),
                baseline,
                Target.NONE),
            Result.ratio(
                "pg_webhook_delivery_vs_storage_floor",
                "PostgreSQL: webhook delivery, 1 node, against the storage floor of a delivery",
                Samples.median(oneNode),
                "deliveries/s",
                Samples.median(floor),
                "pgjdbc alone writing each delivery's rows: outbox, routing queue, delivery, claim,"
                    + " attempt log, outcome; 100 events/txn",
                Target.NONE));
    List<String> notes =
        List.of(
            "pg-delivery: %d events per trial, %d trials of 1 node and of 2 nodes (raw: 2 of %d requests per round) after %d warm-up rounds; one endpoint, max_in_flight %d for all nodes together; pool_size %d per node; events published alternately on each node's bus; 2 nodes = 2 HeraldServers in this JVM"
                .formatted(
                    EVENTS,
                    TRIALS,
                    RAW_REQUESTS,
                    WARMUP_ROUNDS,
                    BenchServer.ENDPOINT_MAX_IN_FLIGHT,
                    POOL_SIZE),
            "pg-delivery: trials (per second) 1 node "
                + Samples.list(oneNode, "%.0f")
                + "; 2 nodes "
                + Samples.list(twoNodes, "%.0f")
                + "; raw "
                + Samples.list(raw, "%.0f")
                + "; storage floor "
                + Samples.list(floor, "%.0f")
                + "; duplicate deliveries seen by the receiver: "
                + duplicates
                + "; 2 nodes, answers per client connection: "
                + shares,
            "pg-delivery: CPU while timed, share of all cores (medians): 1 node "
                + CpuShare.median(oneNodeCpu)
                + "; 2 nodes "
                + CpuShare.median(twoNodesCpu)
                + "; storage floor "
                + CpuShare.median(floorCpu),
            "pg-delivery: transactions committed per delivery (whole trial, both nodes): 1 node "
                + Samples.list(toArray(oneNodeCommits), "%.1f")
                + "; 2 nodes "
                + Samples.list(toArray(twoNodesCommits), "%.1f")
                + "; storage floor 0.01 (100 events per transaction)");
    return new Findings(results, notes);
  }

  private static double[] toArray(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** Writes the rows of {@link #EVENTS} deliveries with plain JDBC; returns deliveries/s. */
  private static double floorRate(BenchPostgres postgres, List<CpuShare> cpu) throws Exception {
    List<EventEnvelope> events = new BenchEvents().next(EVENTS, BenchEvents.PAYLOAD_1KB);
    PostgresSettings database = postgres.freshDatabase("delivery_floor", POOL_SIZE);
    try {
      try (RawDeliveryRows rows = RawDeliveryRows.create(database)) {
        postgres.checkpoint();
        CpuShare.Mark mark = CpuShare.mark();
        long start = System.nanoTime();
        rows.write(events, 100);
        double perSecond = EVENTS * 1e9 / (System.nanoTime() - start);
        cpu.add(CpuShare.since(mark));
        return perSecond;
      }
    } finally {
      postgres.drop(database);
    }
  }

  /**
   * Delivers {@code count} events through {@code nodes} Herald nodes sharing a fresh database;
   * returns deliveries per second, noting duplicates, how the answers split over connections, the
   * CPU used and, unless {@code commits} is null, the transactions committed per delivery.
   */
  static double heraldRate(
      Bench bench,
      int nodes,
      int count,
      List<Long> duplicates,
      List<List<Long>> shares,
      List<CpuShare> cpu,
      List<Double> commits)
      throws Exception {
    BenchPostgres postgres = bench.postgres();
    Receiver receiver = bench.receiver();
    List<EventEnvelope> events = new BenchEvents().next(count, BenchEvents.PAYLOAD_1KB);
    PostgresSettings database = postgres.freshDatabase("delivery_" + nodes + "_nodes", POOL_SIZE);
    List<BenchServer> servers = new ArrayList<>();
    try {
      for (int node = 0; node < nodes; node++) {
        servers.add(BenchServer.start(database, count, BenchServer.webhook(receiver.url())));
      }
      postgres.checkpoint();
      receiver.reset(false);
      receiver.countConnections();
      CpuShare.Mark mark = CpuShare.mark();
      long start = System.nanoTime();
      for (int i = 0; i < events.size(); i++) {
        servers.get(i % nodes).bus().publish(events.get(i));
      }
      receiver.awaitAnswered(count, Duration.ofMinutes(3));
      servers.getFirst().awaitSucceeded(count, Duration.ofMinutes(1));
      double perSecond = count * 1e9 / (System.nanoTime() - start);
      cpu.add(CpuShare.since(mark));
      duplicates.add(receiver.answered() - count);
      shares.add(receiver.answeredPerConnection());
      if (commits != null) {
        for (BenchServer server : servers.reversed()) {
          server.close();
        }
        servers.clear();
        Thread.sleep(1_000); // closed backends report their statistics, within about 500 ms
        commits.add((double) postgres.commits(database) / count);
      }
      return perSecond;
    } finally {
      for (BenchServer server : servers.reversed()) {
        server.close();
      }
      postgres.drop(database);
    }
  }
}
