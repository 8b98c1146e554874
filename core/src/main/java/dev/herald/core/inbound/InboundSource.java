package dev.herald.core.inbound;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A sender of inbound webhooks, reached at {@code POST /in/{id}}.
 *
 * @param id {@code [a-z0-9][a-z0-9_-]{0,63}}
 * @param realmId the realm its events belong to; empty for the default realm
 * @param verifier how its requests are checked
 * @param secret the verifier's secret or token, in clear; {@link #toString()} never shows it
 * @param eventType makes the event type from a request
 * @param deliveryId makes the provider's delivery id from a request, for de-duplication; empty when
 *     the provider names none
 * @param status whether its requests are accepted
 * @param origin whether the config file or the admin API declared it
 */
public record InboundSource(
    String id,
    String realmId,
    VerifierSettings verifier,
    String secret,
    RequestTemplate eventType,
    Optional<RequestTemplate> deliveryId,
    SourceStatus status,
    Origin origin) {

  /** What a source id looks like: it is a URL path segment and part of the event's source. */
  public static final Pattern ID_PATTERN = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

  /** Where a source was declared. */
  public enum Origin {
    CONFIG,
    API
  }

  public InboundSource {
    requireNonNull(id, "id");
    requireNonNull(realmId, "realmId");
    requireNonNull(verifier, "verifier");
    requireNonNull(secret, "secret");
    requireNonNull(eventType, "eventType");
    requireNonNull(deliveryId, "deliveryId");
    requireNonNull(status, "status");
    requireNonNull(origin, "origin");
  }

  /** Returns the envelope {@code source} of its events, {@code urn:herald:in:<id>}. */
  public String eventSource() {
    return "urn:herald:in:" + id;
  }

  /** Returns a copy with another status. */
  public InboundSource withStatus(SourceStatus newStatus) {
    return new InboundSource(
        id, realmId, verifier, secret, eventType, deliveryId, newStatus, origin);
  }

  @Override
  public String toString() {
    return "InboundSource[id="
        + id
        + ", realmId="
        + realmId
        + ", verifier="
        + verifier
        + ", eventType="
        + eventType
        + ", deliveryId="
        + deliveryId
        + ", status="
        + status
        + ", origin="
        + origin
        + "]";
  }
}
