package dev.herald.host.admin;

import static java.util.Objects.requireNonNull;

import dev.herald.core.admin.AdminException;
import dev.herald.core.admin.EventReplay;
import dev.herald.core.admin.Page;
import dev.herald.core.admin.PageRequest;
import dev.herald.core.admin.Realms;
import dev.herald.core.admin.ReplayRequest;
import dev.herald.core.admin.ReplayResult;
import dev.herald.core.admin.ReplayRuns;
import dev.herald.core.admin.WebhookRules;
import dev.herald.core.dispatch.TargetRef;
import dev.herald.core.envelope.EventTypePattern;
import dev.herald.core.envelope.FieldViolation;
import dev.herald.proto.admin.v1.GetReplayRequest;
import dev.herald.proto.admin.v1.ListReplaysRequest;
import dev.herald.proto.admin.v1.ListReplaysResponse;
import dev.herald.proto.admin.v1.ReplayResponse;
import dev.herald.proto.admin.v1.ReplayRun;
import dev.herald.proto.admin.v1.ReplayServiceGrpc;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Replay of stored events, with a dry run and a rate cap. */
final class ReplayApi extends ReplayServiceGrpc.ReplayServiceImplBase {

  /** The rate cap when the request names none, deliveries per second. */
  static final int DEFAULT_RATE = 100;

  /** The event cap when the request names none. */
  static final int DEFAULT_MAX_EVENTS = 10_000;

  private static final int MAX_RATE = 10_000;
  private static final int MAX_EVENTS = 100_000;

  /** The page size of ListReplays when the request names none. */
  static final int DEFAULT_PAGE = 50;

  private final EventReplay replay;
  private final ReplayRuns runs;
  private final Clock clock;

  ReplayApi(EventReplay replay, ReplayRuns runs, Clock clock) {
    this.replay = requireNonNull(replay, "replay");
    this.runs = requireNonNull(runs, "runs");
    this.clock = requireNonNull(clock, "clock");
  }

  @Override
  public void replay(
      dev.herald.proto.admin.v1.ReplayRequest req, StreamObserver<ReplayResponse> out) {
    List<FieldViolation> found = new ArrayList<>();
    if (req.getStartCase() == dev.herald.proto.admin.v1.ReplayRequest.StartCase.START_NOT_SET) {
      found.add(new FieldViolation("from_time", "missing (expected: from_time or from_event_id)"));
    }
    Instant to = req.hasToTime() ? ProtoTime.instant(req.getToTime()) : clock.instant();
    if (req.hasFromTime() && !ProtoTime.instant(req.getFromTime()).isBefore(to)) {
      found.add(
          new FieldViolation(
              "to_time",
              to + " (expected: after from_time " + ProtoTime.instant(req.getFromTime()) + ")"));
    }
    List<EventTypePattern> patterns = new ArrayList<>();
    for (int i = 0; i < req.getEventTypesCount(); i++) {
      EventTypePattern pattern =
          WebhookRules.pattern("event_types[" + i + "]", req.getEventTypes(i), found);
      if (pattern != null) {
        patterns.add(pattern);
      }
    }
    Optional<TargetRef> target = TargetFilters.target(req.getWebhookId(), req.getPluginId(), found);
    int rate = bounded("rate_per_second", req.getRatePerSecond(), DEFAULT_RATE, MAX_RATE, found);
    int max = bounded("max_events", req.getMaxEvents(), DEFAULT_MAX_EVENTS, MAX_EVENTS, found);
    if (!found.isEmpty()) {
      throw AdminException.invalid(found);
    }
    Caller caller = Caller.current();
    ReplayRequest request =
        new ReplayRequest(
            req.hasFromTime()
                ? Optional.of(ProtoTime.instant(req.getFromTime()))
                : Optional.empty(),
            req.hasFromTime() ? Optional.empty() : Optional.of(req.getFromEventId()),
            to,
            patterns,
            caller.scope(req.getRealmId(), req.getAllRealms()),
            target,
            req.getDryRun(),
            rate,
            max);
    ReplayResult result =
        req.getDryRun() ? replay.replay(request) : replay.run(request, caller.name());
    WebhookApi.reply(out, ReplayMessages.response(result, req.getDryRun()));
  }

  @Override
  public void getReplay(GetReplayRequest req, StreamObserver<ReplayRun> out) {
    dev.herald.core.admin.ReplayRun run =
        runs.get(req.getId()).orElseThrow(() -> AdminException.notFound("replay " + req.getId()));
    Caller caller = Caller.current();
    if (!run.visibleTo(caller.realms())) {
      throw Status.PERMISSION_DENIED
          .withDescription(
              "token '" + caller.name() + "' does not cover the realms of replay " + run.id())
          .asRuntimeException();
    }
    WebhookApi.reply(out, ReplayMessages.run(run));
  }

  @Override
  public void listReplays(ListReplaysRequest req, StreamObserver<ListReplaysResponse> out) {
    Realms scope = Caller.current().scope(req.getRealmId(), req.getAllRealms());
    Page<dev.herald.core.admin.ReplayRun> page =
        runs.list(scope, PageRequest.of(req.getPageSize(), req.getPageToken(), DEFAULT_PAGE));
    WebhookApi.reply(
        out,
        ListReplaysResponse.newBuilder()
            .addAllReplays(page.items().stream().map(ReplayMessages::run).toList())
            .setNextPageToken(page.nextPageToken())
            .build());
  }

  private static int bounded(
      String field, int value, int fallback, int max, List<FieldViolation> found) {
    if (value < 0 || value > max) {
      found.add(
          new FieldViolation(
              field, value + " (expected: 1.." + max + ", or 0 for " + fallback + ")"));
      return fallback;
    }
    return value == 0 ? fallback : value;
  }
}
