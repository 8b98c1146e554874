package dev.herald.dispatch.grpc;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** A plaintext plugin on a Unix domain socket in a temporary directory. */
class UnixSocketPluginTransportIT extends AbstractPluginTransportIT {

  @TempDir Path dir;
  private EventLoopGroup group;

  @BeforeAll
  static void epoll() {
    assumeTrue(Epoll.isAvailable(), "Netty's epoll transport is unavailable here");
  }

  @Override
  Server startServer(BindableService service) throws Exception {
    group = new EpollEventLoopGroup(1);
    return NettyServerBuilder.forAddress(new DomainSocketAddress(socket().toString()))
        .channelType(EpollServerDomainSocketChannel.class)
        .bossEventLoopGroup(group)
        .workerEventLoopGroup(group)
        .directExecutor()
        .addService(service)
        .build()
        .start();
  }

  @Override
  PluginAddress address() {
    return PluginAddress.parse("unix:" + socket());
  }

  @Override
  void serverStopped() throws Exception {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
  }

  private Path socket() {
    return dir.resolve("plugin.sock");
  }
}
