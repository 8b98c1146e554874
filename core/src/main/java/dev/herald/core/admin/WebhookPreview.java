package dev.herald.core.admin;

import static java.util.Objects.requireNonNull;

import dev.herald.core.envelope.EnvelopeJson;
import dev.herald.core.route.SubscriptionIndex;
import dev.herald.core.rule.EventDocuments;
import dev.herald.core.rule.JsonTrees;
import dev.herald.core.rule.TransformFailedException;
import dev.herald.core.webhook.EndpointSubscription;
import dev.herald.core.webhook.StoredSubscription;
import dev.herald.core.webhook.WebhookBodies;
import dev.herald.core.webhook.WebhookDirectory;
import dev.herald.proto.event.v1.EventEnvelope;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Shows what an endpoint would receive of an event under its subscriptions as they are now: which
 * subscription selects it, and the body that subscription's transformation makes, or why it fails.
 * Nothing is sent or stored.
 */
public final class WebhookPreview {

  private final WebhookEndpoints endpoints;
  private final WebhookDirectory directory;
  private final EnvelopeJson json;
  private final EventDocuments documents;

  /**
   * Creates previews of the endpoints {@code directory} holds, rendered by {@code json} as they are
   * delivered.
   */
  public WebhookPreview(WebhookEndpoints endpoints, WebhookDirectory directory, EnvelopeJson json) {
    this.endpoints = requireNonNull(endpoints, "endpoints");
    this.directory = requireNonNull(directory, "directory");
    this.json = requireNonNull(json, "json");
    this.documents = new EventDocuments(json);
  }

  /**
   * What an endpoint would receive of one event.
   *
   * @param subscription the first subscription selecting the event; empty when none does
   * @param body the JSON body; empty when no subscription selects the event or the transformation
   *     fails
   * @param transformed whether the body went through a transformation
   * @param transformError why the transformation fails on the event, when it does
   * @param document the event's JSON document, which patterns and transformations read
   */
  public record Preview(
      Optional<StoredSubscription> subscription,
      Optional<String> body,
      boolean transformed,
      Optional<String> transformError,
      String document) {

    public Preview {
      requireNonNull(subscription, "subscription");
      requireNonNull(body, "body");
      requireNonNull(transformError, "transformError");
      requireNonNull(document, "document");
    }

    /** Returns whether a subscription selects the event. */
    public boolean selected() {
      return subscription.isPresent();
    }
  }

  /**
   * Returns what the endpoint would receive of the event.
   *
   * @throws AdminException NOT_FOUND when the endpoint does not exist, FAILED_PRECONDITION when the
   *     event cannot be rendered (its typed payload's type is not registered)
   */
  public Preview of(String endpointId, EventEnvelope envelope) {
    endpoints.get(endpointId);
    SubscriptionIndex.Selection selection;
    String document;
    try {
      selection = directory.select(endpointId, envelope);
      document = JsonTrees.text(selection.document().orElseGet(() -> documents.document(envelope)));
    } catch (IllegalArgumentException e) {
      throw AdminException.failedPrecondition(
          "event '" + envelope.getEventId() + "' cannot be rendered: " + e.getMessage());
    }
    Optional<StoredSubscription> stored = stored(endpointId, selection);
    if (stored.isEmpty()) {
      return new Preview(Optional.empty(), Optional.empty(), false, Optional.empty(), document);
    }
    boolean transformed = selection.transform().isPresent();
    try {
      String body = new String(WebhookBodies.of(selection, envelope, json), StandardCharsets.UTF_8);
      return new Preview(stored, Optional.of(body), transformed, Optional.empty(), document);
    } catch (TransformFailedException e) {
      return new Preview(
          stored, Optional.empty(), transformed, Optional.of(e.getMessage()), document);
    }
  }

  // The directory's subscriptions are the stored ones: find the selecting one's id.
  private Optional<StoredSubscription> stored(
      String endpointId, SubscriptionIndex.Selection selection) {
    return selection
        .subscription()
        .filter(EndpointSubscription.class::isInstance)
        .map(s -> ((EndpointSubscription) s).subscription())
        .flatMap(
            selecting ->
                endpoints.subscriptions(endpointId).stream()
                    .filter(s -> s.subscription().equals(selecting))
                    .findFirst());
  }
}
