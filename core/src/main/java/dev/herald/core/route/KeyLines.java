package dev.herald.core.route;

import static java.util.Objects.requireNonNull;

import dev.herald.core.store.Dialect;
import dev.herald.core.store.RenderedQuery;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.jooq.DSLContext;

/**
 * The lines of ordered keys: each key of a target has at most one head (pending, scheduled, in
 * flight, or dead and blocking) and the rest queued behind it. Every change to a key's deliveries
 * locks the key first (several nodes) and moves the line on last, in the same transaction.
 */
final class KeyLines {

  /** One key of one target. */
  record Line(String target, String key) {
    Line {
      requireNonNull(target, "target");
      requireNonNull(key, "key");
    }
  }

  private final Dialect dialect;
  private final RenderedQuery advance;

  KeyLines(Dialect dialect, RenderedQuery advance) {
    this.dialect = requireNonNull(dialect, "dialect");
    this.advance = requireNonNull(advance, "advance");
  }

  /**
   * Locks the lines for the rest of the transaction, before anything in them changes: a node that
   * changes a line after another waits for it to commit, and then sees its change.
   */
  void lock(DSLContext tx, Collection<Line> lines) {
    if (!lines.isEmpty()) {
      dialect.lockAll(tx, lines.stream().map(KeyLines::lockName).toList());
    }
  }

  /** Moves each line's first queued delivery up to head, where the line has none. */
  void advance(DSLContext tx, Collection<Line> lines, Instant now) {
    if (lines.isEmpty()) {
      return;
    }
    long millis = now.toEpochMilli();
    advance.executeBatch(
        tx,
        List.copyOf(lines),
        line ->
            new Object[] {
              millis,
              line.target(),
              line.key(),
              line.target(),
              line.key(),
              line.target(),
              line.key()
            });
  }

  private static String lockName(Line line) {
    return "herald.order:" + line.target() + "\n" + line.key();
  }
}
