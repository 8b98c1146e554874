package dev.herald.core.route;

import dev.herald.core.dispatch.TargetRef;
import dev.herald.core.limit.Rate;
import dev.herald.core.rule.EventDocuments;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What the router knows of targets: who subscribes to what, who is held, how much each takes. */
public interface TargetDirectory {

  /** Returns the targets that receive this event (paused ones included, disabled ones not). */
  List<TargetRef> subscribers(RoutedEvent event);

  /**
   * Returns how events are rendered when a subscription has a content pattern or a target has an
   * {@link #ordering}; empty when none has, so routing never reads an envelope it does not need.
   */
  default Optional<EventDocuments> contentDocuments() {
    return Optional.empty();
  }

  /** Returns every target there is, held ones included: the router claims work target by target. */
  Collection<TargetRef> targets();

  /** Returns the targets whose deliveries stay pending for now (paused, disabled). */
  Set<TargetRef> held();

  /** Returns how many attempts may be under way at once for the target. */
  int maxInFlight(TargetRef target);

  /**
   * Returns how the target's deliveries are ordered per key; empty when they go in any order. Read
   * when deliveries are created: a change applies to deliveries created after it.
   */
  default Optional<Ordering> ordering(TargetRef target) {
    return Optional.empty();
  }

  /** Returns the target's rate limit: at most so many attempts per second, minute or hour. */
  Optional<Rate> rateLimit(TargetRef target);

  /** Records that the target answered it is gone for good; it receives nothing more. */
  void targetGone(TargetRef target, String reason);

  /**
   * Records that the target did nothing but fail for longer than the router allows (the streak is
   * stored already); it gets no new deliveries until an operator resumes it.
   */
  void targetDisabled(TargetRef target, String reason);
}
