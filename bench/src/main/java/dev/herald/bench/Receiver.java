package dev.herald.bench;

import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.SessionProtocol;
import com.linecorp.armeria.server.Server;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The webhook receiver: an Armeria server on 127.0.0.1 that reads each body and answers 200,
 * counting answers, the protocols it was spoken to in and, when asked, when each {@code webhook-id}
 * arrived and how many answers each client connection got. Armeria clients and servers agree on
 * HTTP/2 over cleartext (h2c) by themselves.
 */
final class Receiver implements AutoCloseable {

  static final String PATH = "/hook";

  private final Server server;
  private final LongAdder answered = new LongAdder();
  private final Set<SessionProtocol> protocols = ConcurrentHashMap.newKeySet();
  private volatile Map<String, Long> arrivals;
  private volatile Map<SocketAddress, LongAdder> connections;

  private Receiver() {
    this.server =
        Server.builder()
            .http(new InetSocketAddress("127.0.0.1", 0))
            .service(
                PATH,
                (ctx, req) ->
                    HttpResponse.of(
                        req.aggregate()
                            .thenApply(
                                request -> {
                                  long now = System.nanoTime();
                                  Map<String, Long> noted = arrivals;
                                  if (noted != null) {
                                    noted.putIfAbsent(request.headers().get("webhook-id"), now);
                                  }
                                  Map<SocketAddress, LongAdder> counted = connections;
                                  if (counted != null) {
                                    counted
                                        .computeIfAbsent(
                                            ctx.remoteAddress(), address -> new LongAdder())
                                        .increment();
                                  }
                                  protocols.add(ctx.sessionProtocol());
                                  answered.increment();
                                  return HttpResponse.of(HttpStatus.OK);
                                })))
            .build();
    server.start().join();
  }

  /** Starts a receiver on an ephemeral port of 127.0.0.1. */
  static Receiver start() {
    return new Receiver();
  }

  /** Returns the URL webhooks are sent to. */
  String url() {
    return "http://127.0.0.1:" + server.activeLocalPort() + PATH;
  }

  /** Returns the base URL, for clients that add the path themselves. */
  String origin() {
    return "http://127.0.0.1:" + server.activeLocalPort();
  }

  /** Forgets every count and arrival; arrivals are noted from now on only if {@code note}. */
  void reset(boolean note) {
    answered.reset();
    arrivals = note ? new ConcurrentHashMap<>() : null;
    connections = null;
  }

  /** Counts the answers per client connection from now until the next reset. */
  void countConnections() {
    connections = new ConcurrentHashMap<>();
  }

  /** Returns how many answers each client connection got, largest first, when counted. */
  List<Long> answeredPerConnection() {
    Map<SocketAddress, LongAdder> counted = connections;
    if (counted == null) {
      return List.of();
    }
    return counted.values().stream().map(LongAdder::sum).sorted(Comparator.reverseOrder()).toList();
  }

  /** Returns how many requests were answered 200 since the last reset. */
  long answered() {
    return answered.sum();
  }

  /** Returns the {@link System#nanoTime()} each noted webhook id first arrived at. */
  Map<String, Long> arrivals() {
    Map<String, Long> noted = arrivals;
    return noted == null ? Map.of() : noted;
  }

  /** Returns the protocols requests came in, e.g. [h2c]. */
  Set<SessionProtocol> protocols() {
    return Set.copyOf(protocols);
  }

  /** Waits until at least {@code count} requests were answered. */
  void awaitAnswered(long count, Duration timeout) throws TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (answered() < count) {
      if (System.nanoTime() > deadline) {
        throw new TimeoutException(
            "receiver: "
                + answered()
                + " answered after "
                + timeout
                + " (expected: "
                + count
                + ")");
      }
      LockSupport.parkNanos(1_000_000);
    }
  }

  @Override
  public void close() {
    server.stop().join();
  }
}
