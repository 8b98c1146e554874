package dev.herald.host.admin;

import dev.herald.core.admin.TargetStats;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Renders a target's backlog for the admin API. */
final class StatsMessages {

  private StatsMessages() {}

  static dev.herald.proto.admin.v1.TargetStats of(TargetStats stats, Instant now) {
    dev.herald.proto.admin.v1.TargetStats.Builder message =
        dev.herald.proto.admin.v1.TargetStats.newBuilder()
            .setPending(stats.pending())
            .setScheduled(stats.scheduled())
            .setInFlight(stats.inFlight())
            .setDead(stats.dead());
    stats
        .oldestWaitingCreatedAt()
        .ifPresent(
            oldest -> {
              // Creation times are stored in milliseconds; so is the age.
              Duration age = Duration.between(oldest, now).truncatedTo(ChronoUnit.MILLIS);
              message
                  .setOldestWaitingCreatedAt(ProtoTime.timestamp(oldest))
                  .setOldestWaitingAge(ProtoTime.duration(age.isNegative() ? Duration.ZERO : age));
            });
    return message.build();
  }
}
