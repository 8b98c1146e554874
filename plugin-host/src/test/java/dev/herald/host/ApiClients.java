package dev.herald.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.client.WebClientBuilder;
import com.linecorp.armeria.client.grpc.GrpcClientBuilder;
import com.linecorp.armeria.client.grpc.GrpcClients;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.common.RequestHeadersBuilder;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.common.auth.AuthToken;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;

/**
 * Real clients of a running Herald's API: gRPC stubs and REST calls, each with a bearer token (or
 * none, to test refusals).
 */
final class ApiClients {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * A REST answer: the status code, the JSON body (an empty object when there is none) and the
   * headers.
   */
  record Reply(int status, JsonNode body, ResponseHeaders headers) {}

  private final String baseUrl;

  ApiClients(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** Returns a blocking gRPC stub of the given class calling with {@code token} (null: none). */
  <T> T grpc(Class<T> stubClass, String token) {
    GrpcClientBuilder builder = GrpcClients.builder(baseUrl).responseTimeout(TIMEOUT);
    if (token != null) {
      builder.auth(AuthToken.ofOAuth2(token));
    }
    return builder.build(stubClass);
  }

  /** Sends a REST request with {@code token} (null: none) and a JSON body (null: none). */
  Reply rest(String token, HttpMethod method, String path, String json) {
    return rest(token, method, path, json, Map.of());
  }

  /** Calls the REST API with {@code extraHeaders} beside the token and content type. */
  Reply rest(
      String token, HttpMethod method, String path, String json, Map<String, String> extraHeaders) {
    WebClientBuilder builder = WebClient.builder(baseUrl).responseTimeout(TIMEOUT);
    if (token != null) {
      builder.auth(AuthToken.ofOAuth2(token));
    }
    RequestHeadersBuilder request = RequestHeaders.builder(method, path);
    if (json != null) {
      request.contentType(MediaType.JSON_UTF_8);
    }
    extraHeaders.forEach(request::set);
    RequestHeaders headers = request.build();
    AggregatedHttpResponse response =
        json == null
            ? builder.build().blocking().execute(headers)
            : builder.build().blocking().execute(headers, json);
    try {
      String body = response.contentUtf8();
      return new Reply(
          response.status().code(),
          body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body),
          response.headers());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  Reply get(String token, String path) {
    return rest(token, HttpMethod.GET, path, null);
  }

  Reply post(String token, String path, String json) {
    return rest(token, HttpMethod.POST, path, json);
  }

  Reply patch(String token, String path, String json) {
    return rest(token, HttpMethod.PATCH, path, json);
  }

  Reply delete(String token, String path) {
    return rest(token, HttpMethod.DELETE, path, null);
  }
}
