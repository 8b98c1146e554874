package dev.herald.core.webhook;

import java.util.Locale;

/**
 * How an endpoint receives an event: Herald's JSON envelope, or a CloudEvent 1.0 in one of the two
 * HTTP modes. Core only names the choice; http-dispatch renders it.
 */
public enum WebhookBodyFormat {
  /** The envelope as JSON (snake_case names, payload inlined): Herald's own body. */
  HERALD,
  /** One CloudEvent as JSON, {@code content-type: application/cloudevents+json}. */
  CLOUDEVENTS_STRUCTURED,
  /** The event's data as the body, its attributes in {@code ce-*} headers. */
  CLOUDEVENTS_BINARY;

  /**
   * Returns the configured, stored and API form: {@code herald}, {@code cloudevents-structured} or
   * {@code cloudevents-binary}.
   */
  public String text() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Returns whether the receiver gets a CloudEvent. */
  public boolean isCloudEvent() {
    return this != HERALD;
  }

  /**
   * Parses the form {@link #text()} gives.
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static WebhookBodyFormat parse(String text) {
    for (WebhookBodyFormat format : values()) {
      if (format.text().equals(text)) {
        return format;
      }
    }
    throw new IllegalArgumentException(
        "'" + text + "' (expected: herald, cloudevents-structured or cloudevents-binary)");
  }
}
