package dev.herald.core.admin;

import static java.util.Objects.requireNonNull;

import dev.herald.core.dispatch.TargetRef;
import dev.herald.core.route.TargetHealth;
import dev.herald.core.route.TargetHealthStore;
import dev.herald.core.store.Database;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a target missed while it was auto-disabled: it got no deliveries for the events that arrived
 * meanwhile. On resume they are counted, or delivered through {@link EventReplay}.
 */
public final class MissedEvents {

  /** How fast missed events become due again when they are replayed, deliveries per second. */
  static final int REPLAY_RATE = 100;

  /** The most missed events one resume replays; the rest are left to an operator's replay. */
  static final int MAX_EVENTS = 100_000;

  /**
   * What a resume found.
   *
   * @param disabledAt when the target was auto-disabled; empty when it was not
   * @param missed events matching the target that arrived while it was auto-disabled
   * @param replayed whether they were replayed
   */
  public record Resumption(Optional<Instant> disabledAt, long missed, boolean replayed) {

    /** The resumption of a target that was not auto-disabled. */
    public static final Resumption NONE = new Resumption(Optional.empty(), 0, false);

    public Resumption {
      requireNonNull(disabledAt, "disabledAt");
    }
  }

  private final Database database;
  private final TargetHealthStore store;
  private final EventReplay replay;
  private final Clock clock;

  /** Creates the counting and replay of missed events. */
  public MissedEvents(Database database, TargetHealthStore store, EventReplay replay, Clock clock) {
    this.database = requireNonNull(database, "database");
    this.store = requireNonNull(store, "store");
    this.replay = requireNonNull(replay, "replay");
    this.clock = requireNonNull(clock, "clock");
  }

  /** Returns what is stored of a target's failures, if anything. */
  public Optional<TargetHealth> health(TargetRef target) {
    return database.read(ctx -> store.find(ctx, target));
  }

  /** Returns the auto-disabled targets of one kind. */
  public List<TargetHealth> disabled(String kind) {
    return database.read(ctx -> store.disabled(ctx, kind));
  }

  /**
   * Forgets the target's failure streak and auto-disable, so it starts afresh: the first step of a
   * resume, before the target takes events again.
   */
  public void reset(TargetRef target) {
    database.write(
        tx -> {
          store.reset(tx, target);
          return null;
        });
  }

  /**
   * When the target was auto-disabled, counts the events matching it that arrived since, and with
   * {@code replayMissed} replays them. Call it once the target takes events again: replay goes to
   * current subscribers only.
   *
   * @param before what was stored of the target before it was resumed
   */
  public Resumption resumed(TargetRef target, Optional<TargetHealth> before, boolean replayMissed) {
    Optional<Instant> disabledAt = before.flatMap(TargetHealth::disabledAt);
    if (disabledAt.isEmpty()) {
      return Resumption.NONE;
    }
    ReplayResult result =
        replay.replay(
            new ReplayRequest(
                disabledAt,
                Optional.empty(),
                clock.instant(),
                List.of(),
                Realms.all(),
                Optional.of(target),
                !replayMissed,
                REPLAY_RATE,
                MAX_EVENTS));
    long missed = result.created() + result.reArmed() + result.skippedInFlight();
    return new Resumption(disabledAt, missed, replayMissed);
  }
}
