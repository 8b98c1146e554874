package dev.herald.core.route;

import dev.herald.core.dispatch.TargetRef;
import dev.herald.core.envelope.EnvelopeJson;
import dev.herald.core.limit.Rate;
import dev.herald.core.rule.EventDocuments;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** One webhook target that receives every event, ordered by the given key and policy. */
final class OrderedTargets implements TargetDirectory {

  static final TargetRef TARGET = TargetRef.webhook("ordered");

  private final Ordering ordering;
  private final int maxInFlight;
  private final EventDocuments documents = new EventDocuments(EnvelopeJson.withoutTypedPayloads());

  OrderedTargets(Ordering ordering, int maxInFlight) {
    this.ordering = ordering;
    this.maxInFlight = maxInFlight;
  }

  @Override
  public List<TargetRef> subscribers(RoutedEvent event) {
    return List.of(TARGET);
  }

  @Override
  public Optional<EventDocuments> contentDocuments() {
    return Optional.of(documents);
  }

  @Override
  public Optional<Ordering> ordering(TargetRef target) {
    return Optional.of(ordering);
  }

  @Override
  public Collection<TargetRef> targets() {
    return List.of(TARGET);
  }

  @Override
  public Set<TargetRef> held() {
    return Set.of();
  }

  @Override
  public int maxInFlight(TargetRef target) {
    return maxInFlight;
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
