package dev.herald.host.admin;

import static java.util.Objects.requireNonNull;

import dev.herald.core.admin.Activity;
import dev.herald.core.admin.ActivityQueries;
import dev.herald.core.admin.ActivityWindow;
import dev.herald.core.dispatch.TargetRef;
import dev.herald.proto.admin.v1.ActivityBucket;
import dev.herald.proto.admin.v1.ActivityServiceGrpc;
import dev.herald.proto.admin.v1.GetActivityRequest;
import dev.herald.proto.admin.v1.GetActivityResponse;
import dev.herald.proto.admin.v1.TargetActivity;
import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.time.Duration;

/** Delivery activity over a recent window, for dashboards. */
final class ActivityApi extends ActivityServiceGrpc.ActivityServiceImplBase {

  /** The window when the request names none. */
  static final Duration DEFAULT_WINDOW = Duration.ofHours(1);

  /** The bucket width when the request names none. */
  static final Duration DEFAULT_BUCKET = Duration.ofMinutes(1);

  private final ActivityQueries activity;
  private final Clock clock;

  ActivityApi(ActivityQueries activity, Clock clock) {
    this.activity = requireNonNull(activity, "activity");
    this.clock = requireNonNull(clock, "clock");
  }

  @Override
  public void getActivity(GetActivityRequest req, StreamObserver<GetActivityResponse> out) {
    ActivityWindow window =
        ActivityWindow.ending(
            clock.instant(),
            req.hasWindow() ? ProtoTime.duration(req.getWindow()) : DEFAULT_WINDOW,
            req.hasBucket() ? ProtoTime.duration(req.getBucket()) : DEFAULT_BUCKET);
    Activity found =
        activity.activity(window, Caller.current().scope(req.getRealmId(), req.getAllRealms()));
    GetActivityResponse.Builder response =
        GetActivityResponse.newBuilder()
            .setFrom(ProtoTime.timestamp(window.from()))
            .setTo(ProtoTime.timestamp(window.to()))
            .setBucket(ProtoTime.duration(window.bucket()))
            .setBacklog(found.backlog());
    for (Activity.Bucket bucket : found.buckets()) {
      ActivityBucket.Builder b =
          ActivityBucket.newBuilder()
              .setStart(ProtoTime.timestamp(bucket.start()))
              .setSucceeded(bucket.succeeded())
              .setFailed(bucket.failed())
              .setDeadLettered(bucket.deadLettered())
              .setHasBacklog(bucket.backlog().isPresent());
      bucket.backlog().ifPresent(b::setBacklog);
      response.addBuckets(b);
    }
    for (Activity.Target target : found.targets()) {
      TargetActivity.Builder t =
          TargetActivity.newBuilder()
              .setSucceeded(target.succeeded())
              .setFailed(target.failed())
              .setLastAttemptAt(ProtoTime.timestamp(target.lastAttemptAt()));
      if (target.target().kind().equals(TargetRef.PLUGIN)) {
        t.setPluginId(target.target().id());
      } else {
        t.setWebhookId(target.target().id());
      }
      response.addTargets(t);
    }
    WebhookApi.reply(out, response.build());
  }
}
