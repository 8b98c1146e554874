package dev.herald.host;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The Java receiver of the README's "Receiving Herald's webhooks" guide, written as a receiver
 * would: the JDK's own HTTP server and the Standard Webhooks library, nothing of Herald's. It
 * verifies the signature (the library also refuses timestamps more than five minutes off), handles
 * each {@code webhook-id} once, and answers 2xx at once, duplicates included.
 */
public final class GuideReceiver implements AutoCloseable {

  private final Webhook webhook;
  // In production: a unique key in the database the handler writes to, in the same transaction.
  private final Set<String> seen = ConcurrentHashMap.newKeySet();
  private final List<String> handled = new CopyOnWriteArrayList<>();
  private final List<Integer> answers = new CopyOnWriteArrayList<>();
  private final HttpServer server;

  /** Listens on 127.0.0.1 at a free port, trusting {@code secret} ({@code whsec_...}). */
  public GuideReceiver(String secret) throws IOException {
    this.webhook = new Webhook(secret);
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/webhooks", this::receive);
    server.start();
  }

  private void receive(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    int status;
    try {
      webhook.verify(body, exchange.getRequestHeaders());
      String id = exchange.getRequestHeaders().getFirst("webhook-id");
      if (seen.add(id)) {
        handled.add(body); // the real work, or a hand-off to a queue
      }
      status = 204; // a duplicate is acknowledged too: Herald stops sending it
    } catch (WebhookVerificationException e) {
      status = 401;
    }
    answers.add(status);
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }

  /** Returns the URL Herald delivers to. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks";
  }

  /** Returns the bodies handled, each webhook id once. */
  public List<String> handled() {
    return List.copyOf(handled);
  }

  /** Returns every status answered, one per request. */
  public List<Integer> answers() {
    return List.copyOf(answers);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
