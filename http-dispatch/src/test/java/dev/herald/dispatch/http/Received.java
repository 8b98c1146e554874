package dev.herald.dispatch.http;

import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.SessionProtocol;
import com.linecorp.armeria.server.HttpService;
import java.util.Queue;
import java.util.function.Function;

/** What a test receiver saw of one request: protocol, method, path, headers and body bytes. */
record Received(
    SessionProtocol protocol,
    String method,
    String path,
    Function<String, String> headers,
    byte[] body) {

  /** Returns the value of a header, by lowercase name, or null. */
  String header(String name) {
    return headers.apply(name);
  }

  /** Returns a service that records each request into {@code sink} and then answers it. */
  static HttpService recordingInto(
      Queue<Received> sink, Function<AggregatedHttpRequest, HttpResponse> answer) {
    return (ctx, req) ->
        HttpResponse.of(
            req.aggregate()
                .thenApply(
                    aggregated -> {
                      sink.add(
                          new Received(
                              ctx.sessionProtocol(),
                              aggregated.method().name(),
                              ctx.path(),
                              aggregated.headers()::get,
                              aggregated.content().array()));
                      return answer.apply(aggregated);
                    }));
  }
}
