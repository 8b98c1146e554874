package dev.herald.core.route;

import dev.herald.core.dispatch.TargetRef;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * The {@code target_health} table, and its only writer: each target's failure streak, written by
 * the router once per recorded batch, and its auto-disable, undone by an operator's resume.
 */
public interface TargetHealthStore {

  /** Ends the failure streaks of targets whose latest attempt succeeded. */
  void succeeded(DSLContext tx, Collection<TargetRef> targets, Instant now);

  /**
   * Records a failure streak that began at {@code since}: with {@code restarted} (a success came
   * just before it) that is the streak's start; otherwise a streak already stored keeps its earlier
   * start.
   */
  void failed(
      DSLContext tx,
      TargetRef target,
      Instant since,
      boolean restarted,
      String lastError,
      Instant now);

  /** Returns what is stored of the given targets; a target without a row is absent. */
  Map<TargetRef, TargetHealth> find(DSLContext ctx, Collection<TargetRef> targets);

  /** Returns what is stored of one target. */
  default Optional<TargetHealth> find(DSLContext ctx, TargetRef target) {
    return Optional.ofNullable(find(ctx, List.of(target)).get(target));
  }

  /** Returns the auto-disabled targets of one kind. */
  List<TargetHealth> disabled(DSLContext ctx, String kind);

  /**
   * Marks a target auto-disabled unless it already is.
   *
   * @return whether this call disabled it (another node may have done so first)
   */
  boolean disable(DSLContext tx, TargetRef target, String reason, Instant now);

  /** Forgets a target's streak and auto-disable: it starts afresh (an operator resumed it). */
  void reset(DSLContext tx, TargetRef target);
}
