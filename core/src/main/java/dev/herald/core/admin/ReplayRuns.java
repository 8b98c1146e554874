package dev.herald.core.admin;

import static dev.herald.core.store.jooq.Tables.DELIVERIES;
import static dev.herald.core.store.jooq.Tables.REPLAY_RUNS;
import static dev.herald.core.store.jooq.Tables.REPLAY_RUN_REALMS;
import static java.util.Objects.requireNonNull;

import dev.herald.core.dispatch.TargetRef;
import dev.herald.core.envelope.EventTypePattern;
import dev.herald.core.route.DeliveryStatus;
import dev.herald.core.store.Database;
import dev.herald.core.store.jooq.tables.records.ReplayRunsRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The record of replay runs (the owner of {@code replay_runs} and {@code replay_run_realms}), and
 * their progress read from the deliveries that carry a run's id.
 */
public final class ReplayRuns {

  private static final String PATTERN_SEPARATOR = " ";

  private final Database database;

  /** Creates the record on the given database. */
  public ReplayRuns(Database database) {
    this.database = requireNonNull(database, "database");
  }

  /** Records a run in the replay's own transaction and returns its id. */
  long record(
      DSLContext tx,
      Instant startedAt,
      String tokenName,
      ReplayRequest request,
      ReplayResult result) {
    long id =
        tx.insertInto(REPLAY_RUNS)
            .set(REPLAY_RUNS.STARTED_AT, startedAt.toEpochMilli())
            .set(REPLAY_RUNS.TOKEN_NAME, tokenName)
            .set(REPLAY_RUNS.ALL_REALMS, request.realms().isAll() ? 1L : 0L)
            .set(REPLAY_RUNS.FROM_TIME, request.fromTime().map(Instant::toEpochMilli).orElse(null))
            .set(REPLAY_RUNS.FROM_EVENT_ID, request.fromEventId().orElse(null))
            .set(REPLAY_RUNS.TO_TIME, request.toTime().toEpochMilli())
            .set(
                REPLAY_RUNS.EVENT_TYPES,
                String.join(
                    PATTERN_SEPARATOR,
                    request.eventTypes().stream().map(EventTypePattern::text).toList()))
            .set(REPLAY_RUNS.TARGET, request.target().map(TargetRef::key).orElse(null))
            .set(REPLAY_RUNS.RATE_PER_SECOND, (long) request.ratePerSecond())
            .set(REPLAY_RUNS.MAX_EVENTS, (long) request.maxEvents())
            .set(REPLAY_RUNS.EVENTS, result.events())
            .set(REPLAY_RUNS.RE_ARMED, result.reArmed())
            .set(REPLAY_RUNS.CREATED, result.created())
            .set(REPLAY_RUNS.SKIPPED_IN_FLIGHT, result.skippedInFlight())
            .set(
                REPLAY_RUNS.LAST_DUE_AT, result.lastDueAt().map(Instant::toEpochMilli).orElse(null))
            .set(REPLAY_RUNS.NEXT_EVENT_ID, result.nextEventId().orElse(null))
            .returning(REPLAY_RUNS.ID)
            .fetchOne(REPLAY_RUNS.ID);
    request
        .realms()
        .only()
        .ifPresent(
            realms ->
                realms.forEach(
                    realm ->
                        tx.insertInto(REPLAY_RUN_REALMS)
                            .set(REPLAY_RUN_REALMS.RUN_ID, id)
                            .set(REPLAY_RUN_REALMS.REALM_ID, realm)
                            .execute()));
    return id;
  }

  /** Returns one run with its progress now, if it exists. */
  public Optional<ReplayRun> get(long id) {
    return database.read(
        ctx ->
            runs(ctx, ctx.selectFrom(REPLAY_RUNS).where(REPLAY_RUNS.ID.eq(id)).fetch()).stream()
                .findFirst());
  }

  /**
   * Returns one page of the runs whose realms {@code scope} covers (a run over every realm only
   * when it covers every realm), newest first.
   */
  public Page<ReplayRun> list(Realms scope, PageRequest page) {
    Condition condition = covered(scope);
    Optional<Long> after = page.afterId();
    if (after.isPresent()) {
      condition = condition.and(REPLAY_RUNS.ID.lt(after.get()));
    }
    Condition where = condition;
    List<ReplayRun> fetched =
        database.read(
            ctx ->
                runs(
                    ctx,
                    ctx.selectFrom(REPLAY_RUNS)
                        .where(where)
                        .orderBy(REPLAY_RUNS.ID.desc())
                        .limit(page.size() + 1)
                        .fetch()));
    return Page.of(fetched, page.size(), run -> Long.toString(run.id()));
  }

  private static Condition covered(Realms scope) {
    if (scope.isAll()) {
      return DSL.trueCondition();
    }
    return REPLAY_RUNS
        .ALL_REALMS
        .eq(0L)
        .andNotExists(
            DSL.selectOne()
                .from(REPLAY_RUN_REALMS)
                .where(REPLAY_RUN_REALMS.RUN_ID.eq(REPLAY_RUNS.ID))
                .and(REPLAY_RUN_REALMS.REALM_ID.notIn(scope.only().get())));
  }

  /** Maps stored runs, in their order, reading their realms and progress in two queries. */
  private static List<ReplayRun> runs(DSLContext ctx, List<ReplayRunsRecord> records) {
    if (records.isEmpty()) {
      return List.of();
    }
    List<Long> ids = records.stream().map(ReplayRunsRecord::getId).toList();
    Map<Long, Set<String>> realms = new HashMap<>();
    ctx.select(REPLAY_RUN_REALMS.RUN_ID, REPLAY_RUN_REALMS.REALM_ID)
        .from(REPLAY_RUN_REALMS)
        .where(REPLAY_RUN_REALMS.RUN_ID.in(ids))
        .forEach(r -> realms.computeIfAbsent(r.value1(), k -> new HashSet<>()).add(r.value2()));
    Map<Long, long[]> counts = statusCounts(ctx, ids);
    List<ReplayRun> runs = new ArrayList<>(records.size());
    for (ReplayRunsRecord r : records) {
      ReplayResult result =
          new ReplayResult(
              r.getEvents(),
              r.getReArmed(),
              r.getCreated(),
              r.getSkippedInFlight(),
              Optional.ofNullable(r.getLastDueAt()).map(Instant::ofEpochMilli),
              Optional.ofNullable(r.getNextEventId()),
              r.getId());
      runs.add(
          new ReplayRun(
              r.getId(),
              Instant.ofEpochMilli(r.getStartedAt()),
              r.getTokenName(),
              request(r, realms.getOrDefault(r.getId(), Set.of())),
              result,
              progress(result.reArmed() + result.created(), counts.get(r.getId()))));
    }
    return runs;
  }

  private static ReplayRequest request(ReplayRunsRecord r, Set<String> realms) {
    return new ReplayRequest(
        Optional.ofNullable(r.getFromTime()).map(Instant::ofEpochMilli),
        Optional.ofNullable(r.getFromEventId()),
        Instant.ofEpochMilli(r.getToTime()),
        r.getEventTypes().isEmpty()
            ? List.of()
            : Arrays.stream(r.getEventTypes().split(PATTERN_SEPARATOR))
                .map(EventTypePattern::parse)
                .toList(),
        r.getAllRealms() == 1L ? Realms.all() : Realms.of(realms),
        Optional.ofNullable(r.getTarget()).map(TargetRef::parse),
        false,
        Math.toIntExact(r.getRatePerSecond()),
        Math.toIntExact(r.getMaxEvents()));
  }

  /** Counts each run's deliveries by status: waiting, in flight, succeeded, failed. */
  private static Map<Long, long[]> statusCounts(DSLContext ctx, Collection<Long> ids) {
    Map<Long, long[]> counts = new HashMap<>();
    ctx.select(DELIVERIES.REPLAY_ID, DELIVERIES.STATUS, DSL.count())
        .from(DELIVERIES)
        .where(DELIVERIES.REPLAY_ID.in(ids))
        .groupBy(DELIVERIES.REPLAY_ID, DELIVERIES.STATUS)
        .forEach(
            r -> {
              long[] c = counts.computeIfAbsent(r.value1(), k -> new long[4]);
              c[slot(DeliveryStatus.fromDb(r.value2()))] += r.value3();
            });
    return counts;
  }

  private static int slot(DeliveryStatus status) {
    return switch (status) {
      case PENDING, QUEUED, SCHEDULED -> 0;
      case IN_FLIGHT -> 1;
      case SUCCEEDED -> 2;
      case DEAD, DISCARDED -> 3;
    };
  }

  private static ReplayProgress progress(long total, long[] counts) {
    long[] c = counts == null ? new long[4] : counts;
    long carried = c[0] + c[1] + c[2] + c[3];
    return new ReplayProgress(total, c[0], c[1], c[2], c[3], Math.max(0, total - carried));
  }
}
