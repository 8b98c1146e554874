package dev.herald.core.route;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.core.dispatch.TargetRef;
import dev.herald.core.outbox.OutboxEvent;
import dev.herald.core.rule.BodyTransform;
import dev.herald.core.rule.ContentMatcher;
import dev.herald.core.rule.ContentPattern;
import dev.herald.core.rule.EventDocuments;
import dev.herald.core.rule.JsonTrees;
import dev.herald.proto.event.v1.EventEnvelope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every target's subscriptions, ready to route: an event goes to a target when one of its
 * subscriptions selects it (type, version, realm) and, if that subscription has a content pattern,
 * the event's document matches it. All patterns live in one {@link ContentMatcher}, consulted at
 * most once per event and only when a subscription with a pattern is otherwise selected. A target
 * is listed once however many of its subscriptions match; the first one that matches, in the order
 * given, decides the body's transformation. Immutable: directories build a new one when their
 * subscriptions change.
 */
public final class SubscriptionIndex {

  private final Map<TargetRef, List<Subscription>> byTarget;
  private final ContentMatcher<Key> patterns;
  private final EventDocuments documents;

  private record Key(TargetRef target, int index) {}

  private SubscriptionIndex(
      Map<TargetRef, List<Subscription>> byTarget,
      ContentMatcher<Key> patterns,
      EventDocuments documents) {
    this.byTarget = byTarget;
    this.patterns = patterns;
    this.documents = documents;
  }

  /**
   * Indexes the subscriptions of each target; targets are listed in the map's order.
   *
   * @param documents how events are rendered for patterns and transformations
   */
  public static SubscriptionIndex of(
      Map<TargetRef, ? extends List<? extends Subscription>> byTarget, EventDocuments documents) {
    requireNonNull(documents, "documents");
    Map<TargetRef, List<Subscription>> copy = new LinkedHashMap<>();
    Map<Key, ContentPattern> patterns = new HashMap<>();
    byTarget.forEach(
        (target, subscriptions) -> {
          copy.put(target, List.copyOf(subscriptions));
          for (int i = 0; i < subscriptions.size(); i++) {
            Optional<ContentPattern> pattern = subscriptions.get(i).contentPattern();
            if (pattern.isPresent()) {
              patterns.put(new Key(target, i), pattern.get());
            }
          }
        });
    return new SubscriptionIndex(copy, ContentMatcher.of(patterns), documents);
  }

  /** Returns how events are rendered, when some subscription has a content pattern. */
  public Optional<EventDocuments> contentDocuments() {
    return patterns.isEmpty() ? Optional.empty() : Optional.of(documents);
  }

  /** Returns the targets whose subscriptions select the event, each once. */
  public List<TargetRef> subscribers(RoutedEvent routed) {
    OutboxEvent event = routed.event();
    List<TargetRef> targets = new ArrayList<>(2);
    Set<Key> contentMatches = null; // computed on the first subscription that needs it
    for (Map.Entry<TargetRef, List<Subscription>> entry : byTarget.entrySet()) {
      List<Subscription> subscriptions = entry.getValue();
      for (int i = 0; i < subscriptions.size(); i++) {
        Subscription subscription = subscriptions.get(i);
        if (!subscription.selects(event)) {
          continue;
        }
        if (subscription.contentPattern().isPresent()) {
          if (contentMatches == null) {
            contentMatches = new HashSet<>(patterns.matching(routed.document()));
          }
          if (!contentMatches.contains(new Key(entry.getKey(), i))) {
            continue;
          }
        }
        targets.add(entry.getKey());
        break;
      }
    }
    return targets;
  }

  /**
   * Returns what the target receives of the event: the subscription that selects it first, and the
   * event's document (rendered only when a pattern or a transformation needs it).
   */
  public Selection select(TargetRef target, EventEnvelope envelope) {
    List<Subscription> subscriptions = byTarget.getOrDefault(target, List.of());
    OutboxEvent event =
        new OutboxEvent(
            0,
            envelope.getEventId(),
            envelope.getEventType(),
            envelope.getEventVersion(),
            envelope.getRealmId());
    JsonNode document = null;
    for (Subscription subscription : subscriptions) {
      if (!subscription.selects(event)) {
        continue;
      }
      if (subscription.contentPattern().isPresent() || subscription.transform().isPresent()) {
        if (document == null) {
          document = documents.document(envelope);
        }
        if (subscription.contentPattern().isPresent()
            && !subscription.contentPattern().get().matches(document)) {
          continue;
        }
      }
      return new Selection(Optional.of(subscription), Optional.ofNullable(document));
    }
    return new Selection(Optional.empty(), Optional.ofNullable(document));
  }

  /**
   * What a target receives of one event.
   *
   * @param subscription the first subscription selecting the event; empty when none does (any more:
   *     subscriptions may have changed since the delivery was created)
   * @param document the event's document, when it was rendered
   */
  public record Selection(Optional<Subscription> subscription, Optional<JsonNode> document) {

    /** Returns the transformation the body goes through, if any. */
    public Optional<BodyTransform> transform() {
      return subscription.flatMap(Subscription::transform);
    }

    /**
     * Returns the envelope with its payload replaced by the transformation's JSON, as a plugin
     * receives it; the envelope itself when there is no transformation.
     *
     * @throws dev.herald.core.rule.TransformFailedException when the transformation fails on it
     */
    public EventEnvelope withTransformedPayload(EventEnvelope envelope) {
      Optional<BodyTransform> transform = transform();
      if (transform.isEmpty()) {
        return envelope;
      }
      String payload = JsonTrees.text(transform.get().apply(document.orElseThrow()));
      return envelope.toBuilder().setJsonPayload(payload).build();
    }
  }
}
