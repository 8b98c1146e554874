package dev.herald.core.webhook;

import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;

/** The {@code webhook_endpoints} and {@code webhook_subscriptions} tables. */
public interface WebhookEndpointStore {

  /** Returns every endpoint with its subscriptions. */
  List<WebhookEndpoint> all(DSLContext ctx);

  /**
   * Makes the stored configuration-declared endpoints match {@code configured}: new ones are
   * inserted, changed ones updated, and ones no longer configured disabled. An endpoint disabled
   * because it answered 410 Gone stays disabled.
   */
  void syncConfigured(DSLContext tx, List<WebhookEndpoint> configured, Instant now);

  /** Sets an endpoint's status and the reason for it. */
  void setStatus(DSLContext tx, String id, EndpointStatus status, String reason, Instant now);
}
