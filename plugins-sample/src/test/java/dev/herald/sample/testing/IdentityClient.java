package dev.herald.sample.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Calls the sample identity service's REST API on 127.0.0.1, as {@code curl} would. */
public final class IdentityClient implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  /** One answer: its status and JSON body ({@code null} when it has none). */
  public record Answer(int status, JsonNode body) {
    /** Returns the body's {@code id}. */
    public String id() {
      return body.get("id").asText();
    }
  }

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private final String base;

  /** Creates a client of the service on {@code port}. */
  public IdentityClient(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  /** Sends {@code method path} with {@code json} (or no body when null) and the header pairs. */
  public Answer send(String method, String path, String json, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(TIMEOUT)
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("content-type", "application/json");
    }
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      String body = response.body();
      return new Answer(response.statusCode(), body.isEmpty() ? null : JSON.readTree(body));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Sends {@code POST path json}. */
  public Answer post(String path, String json) {
    return send("POST", path, json);
  }

  /** Sends {@code PATCH path json}. */
  public Answer patch(String path, String json) {
    return send("PATCH", path, json);
  }

  /** Sends {@code DELETE path}. */
  public Answer delete(String path) {
    return send("DELETE", path, null);
  }

  @Override
  public void close() {
    http.close();
  }
}
