package dev.herald.dispatch.grpc;

import dev.herald.core.dispatch.TargetRef;
import dev.herald.core.envelope.EnvelopeJson;
import dev.herald.core.outbox.OutboxEvent;
import dev.herald.core.route.Subscription;
import dev.herald.core.route.SubscriptionIndex;
import dev.herald.core.route.SubscriptionIndex.Selection;
import dev.herald.core.rule.BodyTransform;
import dev.herald.core.rule.ContentPattern;
import dev.herald.core.rule.EventDocuments;
import dev.herald.proto.event.v1.EventEnvelope;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/** What plugins receive of events in tests: nothing reshaped, or one subscription's transform. */
final class Selections {

  /** No subscription has a transform: plugins receive envelopes as published. */
  static final BiFunction<String, EventEnvelope, Selection> AS_PUBLISHED =
      (id, envelope) -> new Selection(Optional.empty(), Optional.empty());

  private record EveryEvent(Optional<BodyTransform> transform) implements Subscription {
    @Override
    public boolean selects(OutboxEvent event) {
      return true;
    }

    @Override
    public Optional<ContentPattern> contentPattern() {
      return Optional.empty();
    }
  }

  private Selections() {}

  /** The scripted plugin takes every event, its payload reshaped by {@code expression}. */
  static BiFunction<String, EventEnvelope, Selection> transformedBy(String expression) {
    SubscriptionIndex index =
        SubscriptionIndex.of(
            Map.of(
                new TargetRef(TargetRef.PLUGIN, ScriptedPlugin.ID),
                List.of(new EveryEvent(Optional.of(BodyTransform.parse(expression))))),
            new EventDocuments(EnvelopeJson.withoutTypedPayloads()));
    return (id, envelope) -> index.select(new TargetRef(TargetRef.PLUGIN, id), envelope);
  }
}
