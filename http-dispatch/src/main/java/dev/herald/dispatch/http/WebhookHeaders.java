package dev.herald.dispatch.http;

/** Names the headers Herald sets on every webhook request, as sent on the wire. */
public final class WebhookHeaders {

  /** The Standard Webhooks message id: the event id, stable across retries. */
  public static final String WEBHOOK_ID = "webhook-id";

  /** The Standard Webhooks timestamp of this attempt, in seconds since the epoch. */
  public static final String WEBHOOK_TIMESTAMP = "webhook-timestamp";

  /** The Standard Webhooks signatures, one per active secret, space-separated. */
  public static final String WEBHOOK_SIGNATURE = "webhook-signature";

  /** The {@code t=<timestamp>,v1=<hex>} signature for receivers of the Reauth convention. */
  public static final String REAUTH_SIGNATURE = "reauth-signature";

  /** The idempotency key: the event id, stable across retries. */
  public static final String IDEMPOTENCY_KEY = "idempotency-key";

  /** The correlation id of the request that caused the event, when it has one. */
  public static final String CORRELATION_ID = "x-correlation-id";

  private WebhookHeaders() {}
}
