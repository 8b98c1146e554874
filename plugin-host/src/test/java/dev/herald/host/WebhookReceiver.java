package dev.herald.host;

import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.server.Server;
import com.linecorp.armeria.server.ServiceRequestContext;
import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import dev.herald.dispatch.http.testing.StandardWebhooksVerifier;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP receiver on 127.0.0.1 that verifies every request's Standard Webhooks signature with
 * an independent implementation and, where timestamps are judged by the real clock, with the
 * Standard Webhooks project's own Java library as well (it reads the system clock); it answers as
 * the test's plan says.
 */
final class WebhookReceiver implements AutoCloseable {

  /**
   * One request as the receiver saw it.
   *
   * @param verifiedWith the receiver's secrets whose Standard Webhooks signature matched
   * @param signature the {@code webhook-signature} header as sent
   * @param remotePort the sender's TCP port, which tells the process that sent it
   * @param headers every header as sent
   */
  record Received(
      String path,
      String webhookId,
      String body,
      int status,
      boolean verified,
      Set<String> verifiedWith,
      String signature,
      int remotePort,
      RequestHeaders headers) {}

  /** Decides the answer to the {@code attempt}-th request (1-based) carrying a webhook id. */
  @FunctionalInterface
  interface Plan {
    HttpStatus answer(String path, String webhookId, int attempt);
  }

  private final Server server;
  private final Map<String, StandardWebhooksVerifier> verifiers = new ConcurrentHashMap<>();
  private final Clock clock;
  private final boolean stockLibraryToo;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger concurrent = new AtomicInteger();
  private final List<Received> held = new CopyOnWriteArrayList<>();
  private volatile CompletableFuture<Void> answers = CompletableFuture.completedFuture(null);

  private WebhookReceiver(List<String> secrets, Clock clock, Plan plan, Duration delay) {
    this.clock = clock;
    this.stockLibraryToo = clock.equals(Clock.systemUTC());
    secrets.forEach(this::trust);
    this.server =
        Server.builder()
            .http(new InetSocketAddress("127.0.0.1", 0))
            .serviceUnder("/", (ctx, req) -> serve(ctx, req, plan, delay))
            .build();
    server.start().join();
  }

  private HttpResponse serve(
      ServiceRequestContext ctx, HttpRequest req, Plan plan, Duration delay) {
    // Counted from the request's arrival until its answer is handed over, a window inside the
    // sender's own: the sender had at least this many under way.
    concurrent.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    int remotePort = ctx.remoteAddress().getPort();
    CompletableFuture<Received> answer =
        req.aggregate().thenApply(r -> handle(r, plan, remotePort)).thenCompose(this::whenAllowed);
    if (!delay.isZero()) {
      Executor later =
          CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS, ctx.eventLoop());
      answer = answer.thenApplyAsync(r -> r, later);
    }
    return HttpResponse.of(
        answer
            .whenComplete((r, error) -> inFlight.decrementAndGet())
            .thenApply(r -> HttpResponse.of(HttpStatus.valueOf(r.status()))));
  }

  private CompletableFuture<Received> whenAllowed(Received request) {
    CompletableFuture<Void> gate = answers;
    if (gate.isDone()) {
      return CompletableFuture.completedFuture(request);
    }
    held.add(request);
    return gate.thenApply(
        allowed -> {
          held.remove(request);
          return request;
        });
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

  private Received handle(AggregatedHttpRequest request, Plan plan, int remotePort) {
    String id = request.headers().get("webhook-id");
    byte[] body = request.content().array();
    Set<String> verifiedWith = new LinkedHashSet<>();
    boolean reauth = false;
    for (Map.Entry<String, StandardWebhooksVerifier> entry : verifiers.entrySet()) {
      try {
        entry.getValue().verify(name -> request.headers().get(name), body);
        if (stockLibraryToo && isText(request)) {
          new Webhook(entry.getKey()).verify(request.contentUtf8(), headerLists(request));
        }
        verifiedWith.add(entry.getKey());
      } catch (RuntimeException | WebhookVerificationException e) {
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
    Received seen =
        new Received(
            request.path(),
            id,
            request.contentUtf8(),
            status.code(),
            verified,
            Set.copyOf(verifiedWith),
            request.headers().get("webhook-signature"),
            remotePort,
            request.headers());
    received.add(seen);
    return seen;
  }

  // The library takes the body as text: JSON bodies (Herald's and CloudEvents') qualify.
  private static boolean isText(AggregatedHttpRequest request) {
    MediaType type = request.contentType();
    return type != null && type.isJson();
  }

  private static Map<String, List<String>> headerLists(AggregatedHttpRequest request) {
    Map<String, List<String>> lists = new HashMap<>();
    request
        .headers()
        .forEach(
            (name, value) ->
                lists.computeIfAbsent(name.toString(), k -> new ArrayList<>()).add(value));
    return lists;
  }

  /**
   * Also accepts signatures made with {@code secret} from now on: for a secret Herald makes and
   * shows only once the endpoint exists.
   */
  void trust(String secret) {
    verifiers.put(secret, new StandardWebhooksVerifier(secret, clock));
  }

  /**
   * Keeps the answers to requests from now on waiting until {@link #releaseAnswers()}: their
   * senders' attempts stay under way. Each request is recorded when it arrives, as before.
   */
  void holdAnswers() {
    answers = new CompletableFuture<>();
  }

  /** Sends the answers held since {@link #holdAnswers()}, and the next ones at once. */
  void releaseAnswers() {
    answers.complete(null);
  }

  /** Returns the requests whose answer is held now. */
  List<Received> held() {
    return List.copyOf(held);
  }

  /** Returns the most requests this receiver has had under way at once, answer not yet sent. */
  int maxConcurrent() {
    return concurrent.get();
  }

  /** Returns the TCP port the receiver listens on. */
  int port() {
    return server.activeLocalPort();
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
