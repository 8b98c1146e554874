package dev.herald.bench;

import dev.herald.core.bus.EventBus;
import dev.herald.core.store.PostgresSettings;
import dev.herald.proto.event.v1.EventEnvelope;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jooq.impl.DSL;

/**
 * Outbox append on PostgreSQL: events per second made durable through the bus (publish N, wait for
 * every durable future), as {@link OutboxAppend} measures on SQLite, against raw pgjdbc batched
 * inserts of the same rows into the same table on the same server, 100 rows per transaction, {@code
 * reWriteBatchedInserts} on for both. Each trial starts on a fresh database, right after a
 * checkpoint; the two alternate. Also measures the storage floor (the same inserts, plus the
 * router's queue of unrouted ids: queued by the schema's trigger, taken off per batch, by plain
 * JDBC), notes the WAL Herald and the raw inserts wrote while timed, and how many of Herald's
 * events its router had routed when the last one became durable.
 */
final class PgOutboxAppend implements Scenario {

  private static final int EVENTS = 50_000;
  private static final int ROWS_PER_TRANSACTION = 100;
  private static final int TRIALS = 5;
  private static final int WARMUP_TRIALS = 2;
  private static final int POOL_SIZE = 10;

  /** One timed trial: events per second, WAL bytes written, events routed by the end, CPU. */
  private record Trial(double perSecond, long walBytes, long routed, CpuShare cpu) {}

  @Override
  public String name() {
    return "pg-outbox";
  }

  @Override
  public Findings run(Bench bench) throws Exception {
    BenchPostgres postgres = bench.postgres();
    BenchEvents factory = new BenchEvents();
    double[] herald = new double[TRIALS];
    double[] raw = new double[TRIALS];
    double[] floor = new double[TRIALS];
    double[] heraldWal = new double[TRIALS];
    double[] rawWal = new double[TRIALS];
    double[] routed = new double[TRIALS];
    List<CpuShare> heraldCpu = new ArrayList<>();
    List<CpuShare> rawCpu = new ArrayList<>();
    List<CpuShare> floorCpu = new ArrayList<>();
    for (int trial = -WARMUP_TRIALS; trial < TRIALS; trial++) { // negative trials warm up
      List<EventEnvelope> events = factory.next(EVENTS, BenchEvents.PAYLOAD_1KB);
      Trial rawTrial = rawTrial(postgres, events, false);
      Trial floorTrial = rawTrial(postgres, events, true);
      Trial heraldTrial = heraldTrial(postgres, events);
      if (trial >= 0) {
        raw[trial] = rawTrial.perSecond();
        floor[trial] = floorTrial.perSecond();
        herald[trial] = heraldTrial.perSecond();
        rawWal[trial] = (double) rawTrial.walBytes() / EVENTS;
        heraldWal[trial] = (double) heraldTrial.walBytes() / EVENTS;
        routed[trial] = heraldTrial.routed();
        heraldCpu.add(heraldTrial.cpu());
        rawCpu.add(rawTrial.cpu());
        floorCpu.add(floorTrial.cpu());
      }
    }
    Result vsRaw =
        Result.ratio(
            "pg_outbox_append",
            "PostgreSQL: outbox append through the bus (publish, wait for every durable future), 1 KB"
                + " events",
            Samples.median(herald),
            "events/s",
            Samples.median(raw),
            "pgjdbc batched INSERT, 100 rows/txn, reWriteBatchedInserts, same server",
            Target.atLeast(0.7));
    Result vsFloor =
        Result.ratio(
            "pg_outbox_append_vs_storage_floor",
            "PostgreSQL: outbox append, against the storage floor of a PostgreSQL outbox row",
            Samples.median(herald),
            "events/s",
            Samples.median(floor),
            "pgjdbc alone inserting each 100 rows as above, queued for routing, then taking them off"
                + " the queue as the router does, one connection",
            Target.NONE);
    List<String> notes =
        List.of(
            "pg-outbox: %d events per trial, %d trials after %d warm-up trials, fresh database each after a CHECKPOINT; bus queue %d, batch_size %d, pool_size %d; %s"
                .formatted(
                    EVENTS,
                    TRIALS,
                    WARMUP_TRIALS,
                    EVENTS,
                    ROWS_PER_TRANSACTION,
                    POOL_SIZE,
                    postgres.describe()),
            "pg-outbox: trials (events/s) Herald "
                + Samples.list(herald, "%.0f")
                + "; raw "
                + Samples.list(raw, "%.0f")
                + "; storage floor "
                + Samples.list(floor, "%.0f"),
            "pg-outbox: WAL written while timed (bytes/event) Herald "
                + Samples.list(heraldWal, "%.0f")
                + "; raw "
                + Samples.list(rawWal, "%.0f")
                + "; Herald's events already routed when the last became durable "
                + Samples.list(routed, "%.0f"),
            "pg-outbox: CPU while timed, share of all cores (medians): Herald "
                + CpuShare.median(heraldCpu)
                + "; raw "
                + CpuShare.median(rawCpu)
                + "; storage floor "
                + CpuShare.median(floorCpu));
    return new Findings(List.of(vsRaw, vsFloor), notes);
  }

  private static Trial heraldTrial(BenchPostgres postgres, List<EventEnvelope> events)
      throws Exception {
    PostgresSettings database = postgres.freshDatabase("outbox_herald", POOL_SIZE);
    try {
      try (BenchServer server = BenchServer.start(database, events.size(), "")) {
        EventBus bus = server.bus();
        postgres.checkpoint();
        long walBefore = postgres.walBytes();
        List<CompletableFuture<Void>> durable = new ArrayList<>(events.size());
        CpuShare.Mark cpu = CpuShare.mark();
        long start = System.nanoTime();
        for (EventEnvelope event : events) {
          durable.add(bus.publish(event));
        }
        CompletableFuture.allOf(durable.toArray(CompletableFuture<?>[]::new)).join();
        double perSecond = events.size() * 1e9 / (System.nanoTime() - start);
        CpuShare used = CpuShare.since(cpu);
        long wal = postgres.walBytes() - walBefore;
        long routed =
            events.size()
                - server.read(ctx -> ctx.fetchCount(DSL.table(DSL.name("outbox_unrouted"))));
        return new Trial(perSecond, wal, routed, used);
      }
    } finally {
      postgres.drop(database);
    }
  }

  private static Trial rawTrial(BenchPostgres postgres, List<EventEnvelope> events, boolean routed)
      throws Exception {
    PostgresSettings database =
        postgres.freshDatabase(routed ? "outbox_floor" : "outbox_raw", POOL_SIZE);
    try {
      try (RawPgOutbox raw = RawPgOutbox.create(database, routed)) {
        postgres.checkpoint();
        long walBefore = postgres.walBytes();
        CpuShare.Mark cpu = CpuShare.mark();
        long start = System.nanoTime();
        if (routed) {
          raw.insertAndRoute(events, ROWS_PER_TRANSACTION);
        } else {
          raw.insert(events, ROWS_PER_TRANSACTION);
        }
        double perSecond = events.size() * 1e9 / (System.nanoTime() - start);
        CpuShare used = CpuShare.since(cpu);
        return new Trial(perSecond, postgres.walBytes() - walBefore, 0, used);
      }
    } finally {
      postgres.drop(database);
    }
  }
}
