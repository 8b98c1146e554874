package dev.herald.host;

import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.server.Server;
import dev.herald.dispatch.http.testing.StandardWebhooksVerifier;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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

  /**
   * One request as the receiver saw it.
   *
   * @param verifiedWith the receiver's secrets whose Standard Webhooks signature matched
   * @param signature the {@code webhook-signature} header as sent
   */
  record Received(
      String path,
      String webhookId,
      String body,
      int status,
      boolean verified,
      Set<String> verifiedWith,
      String signature) {}

  /** Decides the answer to the {@code attempt}-th request (1-based) carrying a webhook id. */
  @FunctionalInterface
  interface Plan {
    HttpStatus answer(String path, String webhookId, int attempt);
  }

  private final Server server;
  private final Map<String, StandardWebhooksVerifier> verifiers = new LinkedHashMap<>();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

  private WebhookReceiver(List<String> secrets, Clock clock, Plan plan, Duration delay) {
    secrets.forEach(secret -> verifiers.put(secret, new StandardWebhooksVerifier(secret, clock)));
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
    return new WebhookReceiver(List.of(secret), Clock.systemUTC(), plan, Duration.ZERO);
  }

  /** Starts a receiver that answers each request after {@code delay}. */
  static WebhookReceiver start(String secret, Plan plan, Duration delay) {
    return new WebhookReceiver(List.of(secret), Clock.systemUTC(), plan, delay);
  }

  /**
   * Starts a receiver that accepts a signature by any of {@code secrets} (as during a rotation),
   * judging timestamps by {@code clock}, and records which secrets each request verified with.
   */
  static WebhookReceiver start(List<String> secrets, Clock clock, Plan plan) {
    return new WebhookReceiver(secrets, clock, plan, Duration.ZERO);
  }

  private HttpStatus handle(AggregatedHttpRequest request, Plan plan) {
    String id = request.headers().get("webhook-id");
    byte[] body = request.content().array();
    Set<String> verifiedWith = new LinkedHashSet<>();
    boolean reauth = false;
    for (Map.Entry<String, StandardWebhooksVerifier> entry : verifiers.entrySet()) {
      try {
        entry.getValue().verify(name -> request.headers().get(name), body);
        verifiedWith.add(entry.getKey());
      } catch (RuntimeException e) {
        // not signed with this secret
      }
      try {
        entry.getValue().verifyReauth(request.headers().get("reauth-signature"), body);
        reauth = true;
      } catch (RuntimeException e) {
        // not signed with this secret
      }
    }
    boolean verified = !verifiedWith.isEmpty() && reauth;
    int attempt =
        attempts.computeIfAbsent(request.path() + id, k -> new AtomicInteger()).incrementAndGet();
    HttpStatus status =
        verified ? plan.answer(request.path(), id, attempt) : HttpStatus.UNAUTHORIZED;
    received.add(
        new Received(
            request.path(),
            id,
            request.contentUtf8(),
            status.code(),
            verified,
            Set.copyOf(verifiedWith),
            request.headers().get("webhook-signature")));
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
