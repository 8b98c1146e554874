package dev.herald.bench;

/**
 * The call the transaction-outbox peer schedules: the library records each invocation of this
 * interface in its outbox and replays it later. Public because the library builds a proxy of it.
 */
public interface WebhookCall {

  /** POSTs {@code body} signed for {@code webhookId} and logs the attempt. */
  void send(String webhookId, String body) throws Exception;
}
