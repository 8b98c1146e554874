package dev.herald.bench;

import static java.util.Objects.requireNonNull;

import dev.herald.core.dispatch.TargetRef;
import dev.herald.core.limit.Rate;
import dev.herald.core.route.Ordering;
import dev.herald.core.route.RoutedEvent;
import dev.herald.core.route.TargetDirectory;
import dev.herald.core.rule.EventDocuments;
import dev.herald.core.webhook.WebhookDirectory;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The webhook directory with every endpoint ordered one way, or none: the ordered scenario's
 * targets, so both sides of the comparison run the same core wiring (the host's {@code
 * webhooks[].ordering} sets the same thing). Ordering reads the envelope of each event while
 * routing, so an ordered directory asks for it as content rules do.
 */
final class OrderedWebhooks implements TargetDirectory {

  private final WebhookDirectory webhooks;
  private final Optional<Ordering> ordering;
  private final EventDocuments documents;

  /**
   * Wraps {@code webhooks}, ordering every endpoint's deliveries by {@code ordering} if present.
   */
  OrderedWebhooks(
      WebhookDirectory webhooks, Optional<Ordering> ordering, EventDocuments documents) {
    this.webhooks = requireNonNull(webhooks, "webhooks");
    this.ordering = requireNonNull(ordering, "ordering");
    this.documents = requireNonNull(documents, "documents");
  }

  @Override
  public Optional<Ordering> ordering(TargetRef target) {
    return ordering;
  }

  @Override
  public Optional<EventDocuments> contentDocuments() {
    return ordering.isPresent() ? Optional.of(documents) : webhooks.contentDocuments();
  }

  @Override
  public List<TargetRef> subscribers(RoutedEvent event) {
    return webhooks.subscribers(event);
  }

  @Override
  public Collection<TargetRef> targets() {
    return webhooks.targets();
  }

  @Override
  public Set<TargetRef> held() {
    return webhooks.held();
  }

  @Override
  public int maxInFlight(TargetRef target) {
    return webhooks.maxInFlight(target);
  }

  @Override
  public Optional<Rate> rateLimit(TargetRef target) {
    return webhooks.rateLimit(target);
  }

  @Override
  public void targetGone(TargetRef target, String reason) {
    webhooks.targetGone(target, reason);
  }

  @Override
  public void targetDisabled(TargetRef target, String reason) {
    webhooks.targetDisabled(target, reason);
  }
}
