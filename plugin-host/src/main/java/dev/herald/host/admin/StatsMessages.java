package dev.herald.host.admin;

import dev.herald.core.admin.TargetStats;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Renders a target's backlog for the admin API. */
final class StatsMessages {

  private StatsMessages() {}

  /**
   * Renders the stats at {@code now}.
   *
   * @param stuck whether the target's due work waits past {@code delivery.stuck_after}
   */
  static dev.herald.proto.admin.v1.TargetStats of(TargetStats stats, Instant now, boolean stuck) {
    dev.herald.proto.admin.v1.TargetStats.Builder message =
        dev.herald.proto.admin.v1.TargetStats.newBuilder()
            .setPending(stats.pending())
            .setScheduled(stats.scheduled())
            .setInFlight(stats.inFlight())
            .setDead(stats.dead())
            .setStuck(stuck);
    stats
        .oldestWaitingCreatedAt()
        .ifPresent(oldest -> message.setOldestWaitingCreatedAt(ProtoTime.timestamp(oldest)));
    stats
        .oldestWaitingAge(now)
        .ifPresent(age -> message.setOldestWaitingAge(ProtoTime.duration(millis(age))));
    stats
        .oldestDueAge(now)
        .ifPresent(age -> message.setOldestDueAge(ProtoTime.duration(millis(age))));
    return message.build();
  }

  // Times are stored in milliseconds; so are the ages.
  private static Duration millis(Duration age) {
    return age.truncatedTo(ChronoUnit.MILLIS);
  }
}
