package dev.herald.dispatch.grpc;

import static java.util.Objects.requireNonNull;

import io.grpc.Channel;
import io.grpc.ManagedChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the one {@link ManagedChannel} of each plugin: opens it, hands it out as a plain {@link
 * Channel}, and shuts it down when the plugin stops or the host closes.
 */
public final class PluginChannels implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(PluginChannels.class);
  private static final Duration DEFAULT_CLOSE_GRACE = Duration.ofSeconds(2);

  private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();
  private final PluginChannelFactory factory = new PluginChannelFactory();
  private final Duration closeGrace;
  private boolean closed;

  /** Creates an empty set of channels whose {@link #close()} waits up to two seconds. */
  public PluginChannels() {
    this(DEFAULT_CLOSE_GRACE);
  }

  /** Creates an empty set of channels whose {@link #close()} waits up to {@code closeGrace}. */
  public PluginChannels(Duration closeGrace) {
    requireNonNull(closeGrace, "closeGrace");
    if (!closeGrace.isPositive()) {
      throw new IllegalArgumentException("closeGrace: " + closeGrace + " (expected: > 0)");
    }
    this.closeGrace = closeGrace;
  }

  /**
   * Opens a channel to the plugin at {@code address}, over TLS when {@code tls} is present, and
   * shuts down the plugin's previous channel if any.
   *
   * @throws IllegalArgumentException when the TLS files cannot be loaded
   * @throws IllegalStateException when closed, or for a Unix socket without epoll
   */
  public Channel open(String pluginId, PluginAddress address, Optional<PluginTls> tls) {
    requireNonNull(pluginId, "pluginId");
    requireNonNull(address, "address");
    requireNonNull(tls, "tls");
    synchronized (this) {
      checkOpen();
      return adopt(pluginId, factory.create(address, tls));
    }
  }

  /** Takes ownership of a channel built elsewhere, e.g. an in-process one in tests. */
  synchronized Channel adopt(String pluginId, ManagedChannel channel) {
    requireNonNull(pluginId, "pluginId");
    requireNonNull(channel, "channel");
    if (closed) {
      channel.shutdownNow();
      checkOpen();
    }
    ManagedChannel previous = channels.put(pluginId, channel);
    if (previous != null && previous != channel) {
      // Calls under way finish on the old connection, each within its deadline.
      previous.shutdown();
    }
    return channel;
  }

  /** Returns the plugin's open channel, or empty when the plugin is not running. */
  public Optional<Channel> channel(String pluginId) {
    requireNonNull(pluginId, "pluginId");
    return Optional.ofNullable(channels.get(pluginId));
  }

  /** Shuts down the plugin's channel, letting calls under way finish within their deadlines. */
  public synchronized void close(String pluginId) {
    requireNonNull(pluginId, "pluginId");
    ManagedChannel channel = channels.remove(pluginId);
    if (channel != null) {
      channel.shutdown();
    }
  }

  /** Shuts down every channel, waits briefly for calls under way, then cuts the rest off. */
  @Override
  public void close() {
    List<ManagedChannel> closing;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      closing = new ArrayList<>(channels.values());
      channels.clear();
    }
    closing.forEach(ManagedChannel::shutdown);
    long deadline = System.nanoTime() + closeGrace.toNanos();
    try {
      for (ManagedChannel channel : closing) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || !channel.awaitTermination(left, TimeUnit.NANOSECONDS)) {
          break;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    long unfinished = closing.stream().filter(channel -> !channel.isTerminated()).count();
    if (unfinished > 0) {
      log.warn("Cutting off {} plugin channel(s) still busy after {}", unfinished, closeGrace);
    }
    closing.forEach(ManagedChannel::shutdownNow);
    factory.close();
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("plugin channels: closed");
    }
  }
}
