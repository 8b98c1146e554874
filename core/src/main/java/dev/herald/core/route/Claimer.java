package dev.herald.core.route;

import static java.util.Objects.requireNonNull;

import dev.herald.core.dispatch.TargetRef;
import dev.herald.core.outbox.OutboxStore;
import dev.herald.core.store.Database;
import dev.herald.proto.event.v1.EventEnvelope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Claims due deliveries target by target, each only as many as its lane can take, so a full or
 * paused target costs nothing and nothing claimed has to be given back.
 */
final class Claimer {

  /**
   * What one look at the database found.
   *
   * @param claimedAt when the claim's leases started
   * @param untilNextLook how long until a target with room has a delivery due
   */
  record Claim(
      List<ClaimedDelivery> deliveries,
      Map<Long, EventEnvelope> envelopes,
      Instant claimedAt,
      Duration untilNextLook) {}

  private final Database database;
  private final DeliveryStore deliveries;
  private final OutboxStore outbox;
  private final TargetDirectory directory;
  private final TargetLanes lanes;
  private final RouterSettings settings;
  private final Clock clock;
  private final String owner;
  private int pass;

  Claimer(
      Database database,
      DeliveryStore deliveries,
      OutboxStore outbox,
      TargetDirectory directory,
      TargetLanes lanes,
      RouterSettings settings,
      Clock clock,
      String owner) {
    this.database = requireNonNull(database, "database");
    this.deliveries = requireNonNull(deliveries, "deliveries");
    this.outbox = requireNonNull(outbox, "outbox");
    this.directory = requireNonNull(directory, "directory");
    this.lanes = requireNonNull(lanes, "lanes");
    this.settings = requireNonNull(settings, "settings");
    this.clock = requireNonNull(clock, "clock");
    this.owner = requireNonNull(owner, "owner");
  }

  /** Claims what the lanes can take now, within the global in-flight limit. */
  Claim claim() {
    int room = settings.maxInFlight() - lanes.total();
    List<TargetRef> open = openTargets();
    if (room <= 0 || open.isEmpty()) {
      return new Claim(List.of(), Map.of(), clock.instant(), settings.pollInterval());
    }
    // Decided before the write lock is taken: a lane's room only grows meanwhile (attempts finish;
    // only this thread claims), and a pass where every lane is full takes no lock at all.
    Map<TargetRef, Integer> wanted = new LinkedHashMap<>();
    int left = room;
    for (TargetRef target : open) {
      int want = Math.min(left, capacity(target));
      if (want > 0) {
        wanted.put(target, want);
        left -= want;
      }
    }
    if (wanted.isEmpty()) {
      return new Claim(List.of(), Map.of(), clock.instant(), settings.pollInterval());
    }
    List<TargetRef> idle = new ArrayList<>();
    Instant now = clock.instant();
    List<ClaimedDelivery> claimed =
        database.write(
            tx -> {
              List<ClaimedDelivery> all = new ArrayList<>();
              wanted.forEach(
                  (target, want) -> {
                    List<ClaimedDelivery> got =
                        deliveries.claim(tx, target, owner, now, settings.lease(), want);
                    all.addAll(got);
                    if (got.size() < want) {
                      idle.add(target);
                    }
                  });
              return all;
            });
    Map<Long, EventEnvelope> envelopes =
        claimed.isEmpty()
            ? Map.of()
            : database.read(
                ctx ->
                    outbox.envelopes(
                        ctx, claimed.stream().map(ClaimedDelivery::outboxId).toList()));
    return new Claim(claimed, envelopes, now, untilNextDue(idle));
  }

  /**
   * Returns the targets that are not held, starting one further each pass so that, when the global
   * limit runs out, no target always comes last.
   */
  private List<TargetRef> openTargets() {
    Set<TargetRef> held = directory.held();
    List<TargetRef> open = new ArrayList<>();
    for (TargetRef target : directory.targets()) {
      if (!held.contains(target)) {
        open.add(target);
      }
    }
    if (open.size() > 1) {
      Collections.rotate(open, -(pass++ % open.size()));
    }
    return open;
  }

  private int capacity(TargetRef target) {
    return Math.min(settings.batchSize(), lanes.room(target, directory.maxInFlight(target)));
  }

  private Duration untilNextDue(List<TargetRef> idle) {
    Duration poll = settings.pollInterval();
    if (idle.isEmpty()) {
      return poll;
    }
    Optional<Instant> next =
        database.read(
            ctx ->
                idle.stream()
                    .map(target -> deliveries.nextDue(ctx, target))
                    .flatMap(Optional::stream)
                    .min(Instant::compareTo));
    return next.map(due -> Duration.between(clock.instant(), due))
        .map(wait -> wait.isNegative() ? Duration.ZERO : wait)
        .filter(wait -> wait.compareTo(poll) < 0)
        .orElse(poll);
  }
}
