package dev.herald.dispatch.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.testing.junit5.server.ServerExtension;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The real Armeria server on 127.0.0.1 the dispatcher ITs deliver to: one path per answer under
 * test ({@code /ok}, {@code /error}, {@code /gone}, {@code /busy}, {@code /unavailable}, {@code
 * /redirect}, {@code /hang}, {@code /big}, {@code /big-error}), recording every request it gets.
 */
final class DispatcherTestReceiver extends ServerExtension {

  /** One 'a' then two-byte characters, so byte 1024 falls in the middle of one. */
  static final String BIG_BODY = "a" + "é".repeat(512 * 1024);

  private final String twoMinutesLater;
  private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
  private final AtomicInteger redirectTargetHits = new AtomicInteger();

  /**
   * Creates a receiver whose {@code /unavailable} asks to be retried two minutes after {@code now}.
   */
  DispatcherTestReceiver(Instant now) {
    this.twoMinutesLater =
        DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
            .format(now.plusSeconds(120).atOffset(ZoneOffset.UTC));
  }

  @Override
  protected void configure(ServerBuilder sb) {
    sb.http(new InetSocketAddress("127.0.0.1", 0));
    sb.service("/ok", answering(req -> HttpResponse.of("thanks")));
    sb.service(
        "/error",
        answering(
            req ->
                HttpResponse.of(
                    HttpStatus.INTERNAL_SERVER_ERROR, MediaType.PLAIN_TEXT_UTF_8, "boom")));
    sb.service("/gone", answering(req -> HttpResponse.of(HttpStatus.GONE)));
    sb.service("/busy", answering(req -> withRetryAfter(HttpStatus.TOO_MANY_REQUESTS, "7")));
    sb.service(
        "/unavailable",
        answering(req -> withRetryAfter(HttpStatus.SERVICE_UNAVAILABLE, twoMinutesLater)));
    sb.service(
        "/redirect",
        answering(
            req ->
                HttpResponse.of(
                    ResponseHeaders.builder(HttpStatus.FOUND)
                        .add("location", redirectTarget())
                        .build())));
    sb.service(
        "/redirect-target",
        answering(
            req -> {
              redirectTargetHits.incrementAndGet();
              return HttpResponse.of("followed");
            }));
    sb.service("/hang", answering(req -> HttpResponse.of(new CompletableFuture<>())));
    sb.service(
        "/big",
        answering(req -> HttpResponse.of(HttpStatus.OK, MediaType.PLAIN_TEXT_UTF_8, BIG_BODY)));
    sb.service(
        "/big-error",
        answering(
            req ->
                HttpResponse.of(
                    HttpStatus.INTERNAL_SERVER_ERROR, MediaType.PLAIN_TEXT_UTF_8, BIG_BODY)));
  }

  private static HttpResponse withRetryAfter(HttpStatus status, String retryAfter) {
    return HttpResponse.of(ResponseHeaders.builder(status).add("retry-after", retryAfter).build());
  }

  private HttpService answering(Function<AggregatedHttpRequest, HttpResponse> answer) {
    return Received.recordingInto(received, answer);
  }

  /** Returns where {@code /redirect} points. */
  String redirectTarget() {
    return httpUri().resolve("/redirect-target").toString();
  }

  /** Returns the next request it got, waiting up to {@code wait}; fails the test if none came. */
  Received nextRequest(Duration wait) throws InterruptedException {
    Received request = received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(request).as("a request reached the receiver within %s", wait).isNotNull();
    return request;
  }

  /** Returns whether no request is waiting to be read. */
  boolean nothingMoreReceived() {
    return received.isEmpty();
  }

  /** Returns how often the redirect's target was requested. */
  int redirectTargetHits() {
    return redirectTargetHits.get();
  }

  /** Forgets earlier requests, between tests. */
  void forget() {
    received.clear();
    redirectTargetHits.set(0);
  }
}
