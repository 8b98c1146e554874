package dev.herald.core.logging;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Keeps a warning that repeats (a target failing every attempt, a publisher sending invalid events)
 * to one log line per key and interval: the first is logged, the next ones are counted, and the
 * first logged after the interval says how many were held back.
 */
public final class ThrottledWarnings {

  // Above this many keys, the ones quiet for a whole interval are forgotten.
  private static final int PRUNE_ABOVE = 10_000;

  private static final class Spell {
    Instant loggedAt;
    long heldBack;
  }

  private final Duration interval;
  private final InstantSource clock;
  private final Map<String, Spell> spells = new HashMap<>();

  /** Logs each key's warning at most once per {@code interval}. */
  public ThrottledWarnings(Duration interval, InstantSource clock) {
    this.interval = requireNonNull(interval, "interval");
    this.clock = requireNonNull(clock, "clock");
    if (!interval.isPositive()) {
      throw new IllegalArgumentException("interval: " + interval + " (expected: > 0)");
    }
  }

  /**
   * Returns whether to log the key's warning now and, if so, how many were held back before it.
   *
   * @return the count held back since the last one logged (zero for the first), or empty to hold
   *     this one back
   */
  public synchronized OptionalLong admit(String key) {
    Instant now = clock.instant();
    Spell spell = spells.get(key);
    if (spell == null) {
      if (spells.size() >= PRUNE_ABOVE) {
        spells.values().removeIf(s -> !now.isBefore(s.loggedAt.plus(interval)));
      }
      spell = new Spell();
      spells.put(key, spell);
    } else if (now.isBefore(spell.loggedAt.plus(interval))) {
      spell.heldBack++;
      return OptionalLong.empty();
    }
    long heldBack = spell.heldBack;
    spell.loggedAt = now;
    spell.heldBack = 0;
    return OptionalLong.of(heldBack);
  }

  /** Returns the interval, for messages that say over how long warnings were held back. */
  public Duration interval() {
    return interval;
  }
}
