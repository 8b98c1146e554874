package dev.herald.bench;

import com.linecorp.armeria.client.ClientFactory;
import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.common.RequestHeadersBuilder;
import java.util.concurrent.CompletableFuture;

/**
 * The webhook baseline: Armeria's WebClient POSTing the same body over kept-alive connections with
 * a fixed number of requests under way, no database, no signing.
 */
final class RawPostLoop implements AutoCloseable {

  private final ClientFactory factory = ClientFactory.builder().build();
  private final WebClient client;
  private final byte[] body;
  private final ClosedLoop loop =
      new ClosedLoop(
          "raw POST loop", () -> send(null).thenApply(response -> response.status().code() == 200));

  RawPostLoop(String origin, byte[] body) {
    this.client = WebClient.builder(origin).factory(factory).build();
    this.body = body.clone();
  }

  /** Sends {@code total} POSTs, {@code concurrency} at a time; returns the elapsed nanoseconds. */
  long run(int total, int concurrency) throws InterruptedException {
    return loop.run(total, concurrency);
  }

  /** Sends one POST, with {@code webhookId} as its {@code webhook-id} header when not null. */
  CompletableFuture<AggregatedHttpResponse> send(String webhookId) {
    RequestHeadersBuilder headers =
        RequestHeaders.builder(HttpMethod.POST, Receiver.PATH).contentType(MediaType.JSON_UTF_8);
    if (webhookId != null) {
      headers.add("webhook-id", webhookId);
    }
    return client.execute(HttpRequest.of(headers.build(), HttpData.wrap(body))).aggregate();
  }

  @Override
  public void close() {
    factory.close();
  }
}
