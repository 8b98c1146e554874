package dev.herald.bench;

import dev.herald.core.dispatch.TargetRef;
import dev.herald.core.limit.Rate;
import dev.herald.core.outbox.OutboxEvent;
import dev.herald.core.route.RoutedEvent;
import dev.herald.core.route.Subscription;
import dev.herald.core.route.SubscriptionIndex;
import dev.herald.core.route.TargetDirectory;
import dev.herald.core.rule.BodyTransform;
import dev.herald.core.rule.ContentPattern;
import dev.herald.core.rule.EventDocuments;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Webhook-like targets for the routing benchmark, routed by a {@link SubscriptionIndex} exactly as
 * the webhook and plugin directories route: one subscription each, selecting by event type or by a
 * content pattern. Every target is held, so a router pass expands events into deliveries and
 * attempts none of them.
 */
final class RuleTargets implements TargetDirectory {

  /** A subscription to one event type, or to every type when absent, with an optional pattern. */
  record Rule(Optional<String> eventType, Optional<ContentPattern> contentPattern)
      implements Subscription {

    @Override
    public boolean selects(OutboxEvent event) {
      return eventType.map(event.eventType()::equals).orElse(true);
    }

    @Override
    public Optional<BodyTransform> transform() {
      return Optional.empty();
    }
  }

  private final SubscriptionIndex index;
  private final Set<TargetRef> targets;

  /** Creates targets {@code t000}, {@code t001}, ... with one rule each, in order. */
  RuleTargets(List<Rule> rules, EventDocuments documents) {
    Map<TargetRef, List<Rule>> byTarget = new LinkedHashMap<>();
    for (int i = 0; i < rules.size(); i++) {
      byTarget.put(TargetRef.webhook("t%03d".formatted(i)), List.of(rules.get(i)));
    }
    this.index = SubscriptionIndex.of(byTarget, documents);
    this.targets = Set.copyOf(byTarget.keySet());
  }

  @Override
  public List<TargetRef> subscribers(RoutedEvent event) {
    return index.subscribers(event);
  }

  @Override
  public Optional<EventDocuments> contentDocuments() {
    return index.contentDocuments();
  }

  @Override
  public Collection<TargetRef> targets() {
    return targets;
  }

  @Override
  public Set<TargetRef> held() {
    return targets;
  }

  @Override
  public int maxInFlight(TargetRef target) {
    return 1;
  }

  @Override
  public Optional<Rate> rateLimit(TargetRef target) {
    return Optional.empty();
  }

  @Override
  public void targetGone(TargetRef target, String reason) {}

  @Override
  public void targetDisabled(TargetRef target, String reason) {}
}
