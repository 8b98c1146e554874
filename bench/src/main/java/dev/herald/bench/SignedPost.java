package dev.herald.bench;

import com.linecorp.armeria.client.ClientFactory;
import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import dev.herald.core.webhook.WebhookSecret;
import dev.herald.dispatch.http.WebhookSigner;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

/**
 * The peers' webhook call: a Standard Webhooks signed POST (Herald's own {@link WebhookSigner},
 * Herald's secret) to the bench receiver over Armeria's WebClient, as Herald sends it, but waited
 * for on the calling thread, as a job scheduler's worker does.
 */
final class SignedPost implements AutoCloseable {

  /** What one POST got: the HTTP status and how long it took. */
  record Answer(int status, long latencyMicros) {}

  private final ClientFactory factory = ClientFactory.builder().build();
  private final WebClient client;
  private final List<WebhookSecret> secrets = List.of(WebhookSecret.parse(BenchServer.SECRET));
  private final Clock clock = Clock.systemUTC();

  SignedPost(String origin) {
    this.client = WebClient.builder(origin).factory(factory).build();
  }

  /** POSTs {@code body} signed for {@code webhookId}; blocks until the answer is in. */
  Answer send(String webhookId, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    long timestamp = clock.instant().getEpochSecond();
    RequestHeaders headers =
        RequestHeaders.builder(HttpMethod.POST, Receiver.PATH)
            .contentType(MediaType.JSON_UTF_8)
            .add("webhook-id", webhookId)
            .add("webhook-timestamp", Long.toString(timestamp))
            .add(
                "webhook-signature",
                WebhookSigner.webhookSignature(secrets, webhookId, timestamp, bytes))
            .build();
    long start = System.nanoTime();
    AggregatedHttpResponse response =
        client.execute(HttpRequest.of(headers, HttpData.wrap(bytes))).aggregate().join();
    return new Answer(response.status().code(), (System.nanoTime() - start) / 1_000);
  }

  @Override
  public void close() {
    factory.close();
  }
}
