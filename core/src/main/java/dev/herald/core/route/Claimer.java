package dev.herald.core.route;

import static java.util.Objects.requireNonNull;

import dev.herald.core.dispatch.TargetRef;
import dev.herald.core.limit.KeyedRateLimiter;
import dev.herald.core.outbox.OutboxStore;
import dev.herald.core.store.Database;
import dev.herald.proto.event.v1.EventEnvelope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.jooq.DSLContext;

/**
 * Claims due deliveries target by target, each only as many as its lane can take, so a full or
 * paused target costs nothing and nothing claimed has to be given back.
 *
 * <p>Fair share: a target never holds (running plus waiting in its lane) more than the global
 * {@code maxInFlight} divided by the number of targets contending for it (those with work due or
 * attempts held), at least one. However many targets hang, each holds only its share, and the
 * healthy ones keep theirs; a target that took more while it was alone gets no more until it is
 * back under its share. A target whose circuit breaker is open is not claimed for at all.
 *
 * <p>Rate limits: a target with a rate limit is claimed for only as many deliveries as its token
 * bucket holds, and not at all while it is empty; the deliveries wait in the database without using
 * attempts. Retries and replays are claimed like any delivery, so the limit holds for them too.
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
  private final QuietTargets quiet;
  private final CircuitBreakers breakers;
  private final KeyedRateLimiter<TargetRef> rateLimits;
  private int pass;

  Claimer(
      Database database,
      DeliveryStore deliveries,
      OutboxStore outbox,
      TargetDirectory directory,
      TargetLanes lanes,
      RouterSettings settings,
      Clock clock,
      String owner,
      QuietTargets quiet,
      CircuitBreakers breakers,
      KeyedRateLimiter<TargetRef> rateLimits) {
    this.database = requireNonNull(database, "database");
    this.deliveries = requireNonNull(deliveries, "deliveries");
    this.outbox = requireNonNull(outbox, "outbox");
    this.directory = requireNonNull(directory, "directory");
    this.lanes = requireNonNull(lanes, "lanes");
    this.settings = requireNonNull(settings, "settings");
    this.clock = requireNonNull(clock, "clock");
    this.owner = requireNonNull(owner, "owner");
    this.quiet = requireNonNull(quiet, "quiet");
    this.breakers = requireNonNull(breakers, "breakers");
    this.rateLimits = requireNonNull(rateLimits, "rateLimits");
  }

  /**
   * The targets that may be claimed for now, and when the first of those held back by their rate
   * limit has a permit again.
   */
  private record OpenTargets(List<TargetRef> targets, Optional<Instant> nextPermit) {}

  /** Claims what the lanes can take now, within the global in-flight limit. */
  Claim claim() {
    Instant now = clock.instant();
    long mark = quiet.mark();
    int room = settings.maxInFlight() - lanes.total();
    OpenTargets found = openTargets(now);
    List<TargetRef> open = found.targets();
    if (room <= 0 || open.isEmpty()) {
      return new Claim(List.of(), Map.of(), now, untilNextLook(now, found.nextPermit()));
    }
    // Decided before the write lock is taken: a lane's room only grows meanwhile (attempts finish;
    // only this thread claims), and a pass where every lane is full takes no lock at all.
    Map<TargetRef, Integer> wanted = wanted(open, fairShare(open), room, now);
    if (wanted.isEmpty()) {
      return new Claim(List.of(), Map.of(), now, untilNextLook(now, found.nextPermit()));
    }
    List<TargetRef> idle = new ArrayList<>();
    List<ClaimedDelivery> claimed =
        database.write(
            tx -> {
              List<ClaimedDelivery> all = new ArrayList<>();
              wanted.forEach(
                  (target, want) -> {
                    List<ClaimedDelivery> got =
                        deliveries.claim(
                            tx,
                            target,
                            owner,
                            now,
                            settings.lease(),
                            want,
                            directory.maxInFlight(target));
                    all.addAll(got);
                    if (got.size() < want) {
                      idle.add(target);
                    }
                  });
              return all;
            });
    Map<Long, EventEnvelope> envelopes = envelopes(claimed, Map.of());
    claimed.forEach(delivery -> breakers.claimed(delivery.target(), delivery.id()));
    giveBackUnused(wanted, claimed);
    markQuiet(idle, now, mark);
    return new Claim(claimed, envelopes, now, untilNextLook(now, found.nextPermit()));
  }

  /**
   * Returns how many fresh deliveries of each of {@code targets} may be claimed as they are
   * created, under the rules of {@link #claim} (lane room, the global limit, fair share, breakers,
   * rate limits, held targets), taking their rate-limit permits: hand back what was not claimed
   * with {@link #claimedAtCreation}.
   */
  Map<TargetRef, Integer> freshAllowance(Collection<TargetRef> targets) {
    Instant now = clock.instant();
    int room = settings.maxInFlight() - lanes.total();
    if (room <= 0 || targets.isEmpty()) {
      return Map.of();
    }
    Set<TargetRef> held = directory.held();
    List<TargetRef> open = new ArrayList<>();
    for (TargetRef target : targets) {
      if (!held.contains(target) && breakers.claimable(target, now) > 0) {
        open.add(target);
      }
    }
    if (open.isEmpty()) {
      return Map.of();
    }
    // The share a claim would give: these targets contend beside those with work due already.
    List<TargetRef> contenders = new ArrayList<>(openTargets(now).targets());
    contenders.addAll(open);
    return wanted(open, fairShare(contenders), room, now);
  }

  /**
   * Creates the deliveries, those {@code wanted} allows in flight under this worker's lease (see
   * {@link DeliveryStore#createClaimed}), in the caller's transaction.
   */
  List<ClaimedDelivery> createClaimed(
      DSLContext tx,
      Collection<DeliveryStore.NewDelivery> batch,
      Instant now,
      Map<TargetRef, Integer> wanted) {
    if (wanted.isEmpty()) {
      deliveries.create(tx, batch, now);
      return List.of();
    }
    return deliveries.createClaimed(
        tx, batch, now, owner, settings.lease(), wanted, directory::maxInFlight);
  }

  /**
   * Settles a claim made as the deliveries were created, committed or not (then {@code claimed} is
   * empty): gives back the permits not used, counts the claimed in their breakers, and returns them
   * with their envelopes, reading only those not in {@code known}.
   */
  Claim claimedAtCreation(
      Map<TargetRef, Integer> wanted,
      List<ClaimedDelivery> claimed,
      Map<Long, EventEnvelope> known,
      Instant claimedAt) {
    Map<Long, EventEnvelope> envelopes = envelopes(claimed, known);
    claimed.forEach(delivery -> breakers.claimed(delivery.target(), delivery.id()));
    giveBackUnused(wanted, claimed);
    return new Claim(claimed, envelopes, claimedAt, settings.pollInterval());
  }

  /**
   * Returns how many deliveries each open target may claim now, taking their rate-limit permits.
   */
  private Map<TargetRef, Integer> wanted(List<TargetRef> open, int share, int room, Instant now) {
    Map<TargetRef, Integer> wanted = new LinkedHashMap<>();
    int left = room;
    for (TargetRef target : open) {
      int want =
          Math.min(
              Math.min(left, capacity(target)),
              Math.min(share - lanes.load(target), breakers.claimable(target, now)));
      if (want > 0) {
        want = rateLimits.takeUpTo(target, want);
      }
      if (want > 0) {
        wanted.put(target, want);
        left -= want;
      }
    }
    return wanted;
  }

  /** Returns the envelopes of the claimed deliveries: {@code known} ones, the rest read at once. */
  private Map<Long, EventEnvelope> envelopes(
      List<ClaimedDelivery> claimed, Map<Long, EventEnvelope> known) {
    List<Long> missing = new ArrayList<>();
    for (ClaimedDelivery delivery : claimed) {
      if (!known.containsKey(delivery.outboxId())) {
        missing.add(delivery.outboxId());
      }
    }
    if (missing.isEmpty()) {
      return known;
    }
    Map<Long, EventEnvelope> read = database.read(ctx -> outbox.envelopes(ctx, missing));
    if (known.isEmpty()) {
      return read;
    }
    Map<Long, EventEnvelope> all = new HashMap<>(known);
    all.putAll(read);
    return all;
  }

  /** Returns the permits of targets that had fewer deliveries due than they were allowed. */
  private void giveBackUnused(Map<TargetRef, Integer> wanted, List<ClaimedDelivery> claimed) {
    Map<TargetRef, Integer> unused = new HashMap<>(wanted);
    claimed.forEach(delivery -> unused.merge(delivery.target(), -1, Integer::sum));
    unused.forEach(
        (target, left) -> {
          if (left > 0) {
            rateLimits.giveBack(target, left);
          }
        });
  }

  /**
   * Returns how many attempts one target may hold: the global limit split evenly between the
   * targets that may claim now and those holding attempts, at least one.
   */
  private int fairShare(List<TargetRef> open) {
    Set<TargetRef> contenders = new HashSet<>(open);
    contenders.addAll(lanes.busy());
    return Math.max(1, settings.maxInFlight() / Math.max(1, contenders.size()));
  }

  /**
   * Returns the targets that are neither held, quiet, behind an open breaker nor out of permits,
   * starting one further each pass so that, when the global limit runs out, no target always comes
   * last.
   */
  private OpenTargets openTargets(Instant now) {
    Set<TargetRef> held = directory.held();
    List<TargetRef> open = new ArrayList<>();
    Optional<Instant> nextPermit = Optional.empty();
    for (TargetRef target : directory.targets()) {
      if (held.contains(target)
          || quiet.isQuiet(target, now)
          || breakers.claimable(target, now) <= 0) {
        continue;
      }
      Duration untilPermit = rateLimits.untilAvailable(target);
      if (untilPermit.isPositive()) {
        Instant permit = now.plus(untilPermit);
        nextPermit = nextPermit.filter(permit::isAfter).or(() -> Optional.of(permit));
      } else {
        open.add(target);
      }
    }
    if (open.size() > 1) {
      Collections.rotate(open, -(pass++ % open.size()));
    }
    return new OpenTargets(open, nextPermit);
  }

  private int capacity(TargetRef target) {
    return Math.min(settings.batchSize(), lanes.room(target, directory.maxInFlight(target)));
  }

  /**
   * Records when each target that had nothing more to claim next has a delivery due: until then (at
   * most a poll interval) passes skip it.
   */
  private void markQuiet(List<TargetRef> idle, Instant now, long mark) {
    if (idle.isEmpty()) {
      return;
    }
    Instant pollEnd = now.plus(settings.pollInterval());
    Map<TargetRef, Optional<Instant>> nextDue =
        database.read(
            ctx -> {
              Map<TargetRef, Optional<Instant>> found = new LinkedHashMap<>();
              idle.forEach(target -> found.put(target, deliveries.nextDue(ctx, target)));
              return found;
            });
    nextDue.forEach(
        (target, due) -> {
          Instant end = due.filter(pollEnd::isAfter).orElse(pollEnd);
          if (end.isAfter(now)) {
            quiet.quietUntil(target, end, mark);
          }
        });
  }

  /**
   * Returns how long until a quiet target may have work, an open breaker may probe or a limited
   * target has a permit again, at most the poll interval.
   */
  private Duration untilNextLook(Instant now, Optional<Instant> nextPermit) {
    return Stream.of(quiet.earliestEnd(now), breakers.earliestEnd(now), nextPermit)
        .flatMap(Optional::stream)
        .min(Instant::compareTo)
        .map(end -> Duration.between(now, end))
        .filter(wait -> wait.compareTo(settings.pollInterval()) < 0)
        .orElse(settings.pollInterval());
  }
}
