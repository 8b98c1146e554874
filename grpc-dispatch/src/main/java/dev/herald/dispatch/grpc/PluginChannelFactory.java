package dev.herald.dispatch.grpc;

import static java.util.Objects.requireNonNull;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Builds Netty channels to plugin addresses and owns the event loop that Unix sockets need. */
final class PluginChannelFactory implements AutoCloseable {

  // Servers refuse pings more often than every 5 minutes by default (grpc-java and grpc-go answer
  // with GOAWAY too_many_pings), and a plugin may not raise that limit. Loopback peers that die
  // reset the connection at once, and every call has its own deadline, so rare pings suffice.
  private static final long KEEP_ALIVE_MINUTES = 5;
  private static final long KEEP_ALIVE_TIMEOUT_SECONDS = 20;

  // TLS over a Unix socket has no host name to check; the plugin's certificate must name this.
  private static final String UNIX_AUTHORITY = "localhost";

  private final Object lock = new Object();
  private EventLoopGroup unixGroup;
  private boolean closed;

  /** Returns a new channel to {@code address}, over TLS when {@code tls} is present. */
  ManagedChannel create(PluginAddress address, Optional<PluginTls> tls) {
    requireNonNull(address, "address");
    requireNonNull(tls, "tls");
    NettyChannelBuilder builder =
        switch (address) {
          case PluginAddress.Tcp tcp -> NettyChannelBuilder.forAddress(tcp.host(), tcp.port());
          case PluginAddress.Unix unix ->
              NettyChannelBuilder.forAddress(new DomainSocketAddress(unix.socket().toString()))
                  .eventLoopGroup(unixGroup())
                  .channelType(EpollDomainSocketChannel.class, DomainSocketAddress.class)
                  .overrideAuthority(UNIX_AUTHORITY);
        };
    if (tls.isPresent()) {
      builder.sslContext(sslContext(tls.get()));
    } else {
      builder.usePlaintext();
    }
    // Responses are only mapped to results, never blocked on: no executor hand-off per call.
    return builder
        .directExecutor()
        .keepAliveTime(KEEP_ALIVE_MINUTES, TimeUnit.MINUTES)
        .keepAliveTimeout(KEEP_ALIVE_TIMEOUT_SECONDS, TimeUnit.SECONDS)
        .keepAliveWithoutCalls(false)
        .build();
  }

  private EventLoopGroup unixGroup() {
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("plugin channels: closed");
      }
      if (unixGroup == null) {
        if (!Epoll.isAvailable()) {
          throw new IllegalStateException(
              "unix sockets: unavailable (expected: Linux with Netty's epoll transport)",
              Epoll.unavailabilityCause());
        }
        unixGroup = new EpollEventLoopGroup(1, new DefaultThreadFactory("herald-plugin-uds", true));
      }
      return unixGroup;
    }
  }

  private static SslContext sslContext(PluginTls tls) {
    try {
      SslContextBuilder builder = GrpcSslContexts.forClient();
      if (tls.caCert().isPresent()) {
        builder.trustManager(tls.caCert().get().toFile());
      }
      if (tls.clientCert().isPresent()) {
        builder.keyManager(tls.clientCert().get().toFile(), tls.clientKey().orElseThrow().toFile());
      }
      return builder.build();
    } catch (IOException | IllegalArgumentException e) {
      // Netty reports unreadable or malformed PEM files either way.
      throw new IllegalArgumentException("tls: " + tls + " (" + e.getMessage() + ")", e);
    }
  }

  /** Stops the Unix socket event loop; call after the channels on it have terminated. */
  @Override
  public void close() {
    EventLoopGroup group;
    synchronized (lock) {
      closed = true;
      group = unixGroup;
      unixGroup = null;
    }
    if (group != null) {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
  }
}
