package dev.herald.host.admin;

import dev.herald.core.admin.ReplayProgress;
import dev.herald.core.admin.ReplayRequest;
import dev.herald.core.admin.ReplayResult;
import dev.herald.core.admin.ReplayRun;
import dev.herald.core.dispatch.TargetRef;
import dev.herald.core.envelope.EventTypePattern;
import dev.herald.proto.admin.v1.ReplayResponse;
import java.util.Set;

/** Replay results and runs as API messages. */
final class ReplayMessages {

  private ReplayMessages() {}

  /** Returns what a replay did (or, for a dry run, would do). */
  static ReplayResponse response(ReplayResult result, boolean dryRun) {
    ReplayResponse.Builder response =
        ReplayResponse.newBuilder()
            .setEvents(result.events())
            .setDeliveries(result.reArmed() + result.created())
            .setReArmed(result.reArmed())
            .setCreated(result.created())
            .setSkippedInFlight(result.skippedInFlight())
            .setDryRun(dryRun)
            .setTruncated(result.nextEventId().isPresent())
            .setNextEventId(result.nextEventId().orElse(""))
            .setReplayId(result.runId());
    result.lastDueAt().ifPresent(due -> response.setLastDueAt(ProtoTime.timestamp(due)));
    return response.build();
  }

  /** Returns a recorded run with its progress. */
  static dev.herald.proto.admin.v1.ReplayRun run(ReplayRun run) {
    return dev.herald.proto.admin.v1.ReplayRun.newBuilder()
        .setId(run.id())
        .setStartedAt(ProtoTime.timestamp(run.startedAt()))
        .setTokenName(run.tokenName())
        .setRequest(request(run.request()))
        .setResult(response(run.result(), false))
        .setProgress(progress(run.progress()))
        .build();
  }

  /**
   * Returns the request a run was recorded from. Its realms come back as asked when they were one
   * realm, else as {@code all_realms} (every realm the token covered).
   */
  private static dev.herald.proto.admin.v1.ReplayRequest request(ReplayRequest request) {
    dev.herald.proto.admin.v1.ReplayRequest.Builder b =
        dev.herald.proto.admin.v1.ReplayRequest.newBuilder()
            .setToTime(ProtoTime.timestamp(request.toTime()))
            .addAllEventTypes(request.eventTypes().stream().map(EventTypePattern::text).toList())
            .setRatePerSecond(request.ratePerSecond())
            .setMaxEvents(request.maxEvents());
    request.fromTime().ifPresent(from -> b.setFromTime(ProtoTime.timestamp(from)));
    request.fromEventId().ifPresent(b::setFromEventId);
    Set<String> realms = request.realms().only().orElse(Set.of());
    if (!request.realms().isAll() && realms.size() == 1) {
      b.setRealmId(realms.iterator().next());
    } else {
      b.setAllRealms(true);
    }
    request
        .target()
        .ifPresent(
            target -> {
              if (target.kind().equals(TargetRef.PLUGIN)) {
                b.setPluginId(target.id());
              } else {
                b.setWebhookId(target.id());
              }
            });
    return b.build();
  }

  private static dev.herald.proto.admin.v1.ReplayProgress progress(ReplayProgress progress) {
    return dev.herald.proto.admin.v1.ReplayProgress.newBuilder()
        .setTotal(progress.total())
        .setWaiting(progress.waiting())
        .setInFlight(progress.inFlight())
        .setSucceeded(progress.succeeded())
        .setFailed(progress.failed())
        .setSuperseded(progress.superseded())
        .setDone(progress.done())
        .build();
  }
}
