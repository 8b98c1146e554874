package dev.herald.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Endpoints that accept TCP connections on 127.0.0.1 and never answer: each request hangs until its
 * sender gives up, as a receiver does whose process stalled.
 */
final class SilentEndpoints implements AutoCloseable {

  private final List<ServerSocket> listeners = new ArrayList<>();
  private final List<Socket> accepted = new CopyOnWriteArrayList<>();

  private SilentEndpoints(int count) {
    try {
      for (int i = 0; i < count; i++) {
        ServerSocket listener = new ServerSocket(0, 512, InetAddress.getLoopbackAddress());
        listeners.add(listener);
        Thread.ofVirtual().name("silent-endpoint-" + i).start(() -> acceptForever(listener));
      }
    } catch (IOException e) {
      close();
      throw new UncheckedIOException(e);
    }
  }

  /** Opens {@code count} silent endpoints, each on a port of its own. */
  static SilentEndpoints open(int count) {
    return new SilentEndpoints(count);
  }

  private void acceptForever(ServerSocket listener) {
    while (!listener.isClosed()) {
      try {
        accepted.add(listener.accept()); // kept open, never read from or written to
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  /** Returns the URL of the {@code index}-th endpoint. */
  String url(int index) {
    return "http://127.0.0.1:" + listeners.get(index).getLocalPort() + "/hook";
  }

  /** Returns how many connections the endpoints have accepted. */
  int connections() {
    return accepted.size();
  }

  @Override
  public void close() {
    for (ServerSocket listener : listeners) {
      closeQuietly(listener);
    }
    for (Socket socket : accepted) {
      closeQuietly(socket);
    }
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      // closing at the end of a test: nothing to do
    }
  }
}
