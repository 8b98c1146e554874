package dev.herald.host.admin;

import static java.util.Objects.requireNonNull;

import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.CompletableFuture;

/**
 * {@code GET /metrics}: every meter in the Prometheus text format. Gauges read from the database
 * are refreshed first (they query it at most every few seconds); both run on the blocking task
 * executor. With {@code requireToken}, a request needs a known token of any role.
 */
final class MetricsService implements HttpService {

  private static final MediaType PROMETHEUS_TEXT =
      MediaType.parse("text/plain; version=0.0.4; charset=utf-8");

  private final PrometheusMeterRegistry registry;
  private final Runnable refresh;
  private final TokenAuthenticator tokens;
  private final boolean requireToken;

  /**
   * Creates the service.
   *
   * @param refresh updates the gauges whose rows change (targets, plugins) before a scrape
   */
  MetricsService(
      PrometheusMeterRegistry registry,
      Runnable refresh,
      TokenAuthenticator tokens,
      boolean requireToken) {
    this.registry = requireNonNull(registry, "registry");
    this.refresh = requireNonNull(refresh, "refresh");
    this.tokens = requireNonNull(tokens, "tokens");
    this.requireToken = requireToken;
  }

  @Override
  public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
    String authorization = req.headers().get(HttpHeaderNames.AUTHORIZATION);
    // Off the event loop: checking an API key reads the database.
    return HttpResponse.of(
        CompletableFuture.supplyAsync(() -> answer(authorization), ctx.blockingTaskExecutor()));
  }

  private HttpResponse answer(String authorization) {
    if (requireToken && tokens.caller(authorization).isEmpty()) {
      return HttpResponse.of(
          HttpStatus.UNAUTHORIZED,
          MediaType.PLAIN_TEXT_UTF_8,
          "missing or unknown token (expected: authorization: Bearer <token>;"
              + " api.metrics.require_token is true)");
    }
    return scrape();
  }

  private HttpResponse scrape() {
    refresh.run();
    return HttpResponse.of(HttpStatus.OK, PROMETHEUS_TEXT, registry.scrape());
  }
}
