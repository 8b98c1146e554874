package dev.herald.core.inbound;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The verifiers a source may name, each with where its provider puts the event type and the
 * delivery id by default.
 */
public enum VerifierKind {
  GITHUB("github", "github.{header:X-GitHub-Event}.{body:action}", "{header:X-GitHub-Delivery}"),
  STRIPE("stripe", "stripe.{body:type}", "{body:id}"),
  STANDARD_WEBHOOKS("standard-webhooks", "{body:type}", "{header:webhook-id}"),
  HMAC("hmac", null, null),
  TOKEN("token", null, null);

  private final String wireName;
  private final String defaultEventType;
  private final String defaultDeliveryId;

  VerifierKind(String wireName, String defaultEventType, String defaultDeliveryId) {
    this.wireName = wireName;
    this.defaultEventType = defaultEventType;
    this.defaultDeliveryId = defaultDeliveryId;
  }

  /** Returns the name used in configuration and the API, e.g. {@code standard-webhooks}. */
  public String wireName() {
    return wireName;
  }

  /** Returns the event-type template used when a source names none; empty when one is required. */
  public Optional<String> defaultEventType() {
    return Optional.ofNullable(defaultEventType);
  }

  /** Returns where the provider names its delivery, when a source says nothing; empty: nowhere. */
  public Optional<String> defaultDeliveryId() {
    return Optional.ofNullable(defaultDeliveryId);
  }

  /**
   * Parses a verifier's name.
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static VerifierKind parse(String text) {
    for (VerifierKind kind : values()) {
      if (kind.wireName.equals(text)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("'" + text + "' (expected: one of " + names() + ")");
  }

  /** Returns every verifier's name, comma-separated. */
  public static String names() {
    return Arrays.stream(values()).map(VerifierKind::wireName).collect(Collectors.joining(", "));
  }
}
