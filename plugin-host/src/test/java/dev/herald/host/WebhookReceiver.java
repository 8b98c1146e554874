package dev.herald.host;

import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.server.Server;
import dev.herald.dispatch.http.testing.StandardWebhooksVerifier;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP receiver on 127.0.0.1 that verifies every request's Standard Webhooks signature with
 * an independent implementation and answers as the test's plan says.
 */
final class WebhookReceiver implements AutoCloseable {

  /** One request as the receiver saw it. */
  record Received(String path, String webhookId, String body, int status, boolean verified) {}

  /** Decides the answer to the {@code attempt}-th request (1-based) carrying a webhook id. */
  @FunctionalInterface
  interface Plan {
    HttpStatus answer(String path, String webhookId, int attempt);
  }

  private final Server server;
  private final StandardWebhooksVerifier verifier;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

  private WebhookReceiver(String secret, Plan plan, Duration delay) {
    this.verifier = new StandardWebhooksVerifier(secret, Clock.systemUTC());
    this.server =
        Server.builder()
            .http(new InetSocketAddress("127.0.0.1", 0))
            .serviceUnder(
                "/",
                (ctx, req) ->
                    HttpResponse.of(
                        req.aggregate()
                            .thenApply(
                                r -> {
                                  HttpResponse response = HttpResponse.of(handle(r, plan));
                                  return delay.isZero()
                                      ? response
                                      : HttpResponse.delayed(response, delay);
                                })))
            .build();
    server.start().join();
  }

  /** Starts a receiver that checks signatures made with {@code secret}. */
  static WebhookReceiver start(String secret, Plan plan) {
    return new WebhookReceiver(secret, plan, Duration.ZERO);
  }

  /** Starts a receiver that answers each request after {@code delay}. */
  static WebhookReceiver start(String secret, Plan plan, Duration delay) {
    return new WebhookReceiver(secret, plan, delay);
  }

  private HttpStatus handle(AggregatedHttpRequest request, Plan plan) {
    String id = request.headers().get("webhook-id");
    boolean verified;
    try {
      verifier.verify(name -> request.headers().get(name), request.content().array());
      verifier.verifyReauth(request.headers().get("reauth-signature"), request.content().array());
      verified = true;
    } catch (RuntimeException e) {
      verified = false;
    }
    int attempt =
        attempts.computeIfAbsent(request.path() + id, k -> new AtomicInteger()).incrementAndGet();
    HttpStatus status =
        verified ? plan.answer(request.path(), id, attempt) : HttpStatus.UNAUTHORIZED;
    received.add(new Received(request.path(), id, request.contentUtf8(), status.code(), verified));
    return status;
  }

  /** Returns the URL of {@code path} on this receiver. */
  String url(String path) {
    return "http://127.0.0.1:" + server.activeLocalPort() + path;
  }

  /** Returns every request received so far. */
  List<Received> received() {
    return List.copyOf(received);
  }

  /** Returns the webhook ids answered with a 2xx at {@code path}. */
  Set<String> delivered(String path) {
    Set<String> ids = ConcurrentHashMap.newKeySet();
    for (Received r : received) {
      if (r.path().equals(path) && r.status() / 100 == 2) {
        ids.add(r.webhookId());
      }
    }
    return ids;
  }

  @Override
  public void close() {
    server.stop().join();
  }
}
