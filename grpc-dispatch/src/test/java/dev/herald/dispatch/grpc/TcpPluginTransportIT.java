package dev.herald.dispatch.grpc;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.net.InetSocketAddress;

/** A plaintext plugin on 127.0.0.1, as a managed child process serves it. */
class TcpPluginTransportIT extends AbstractPluginTransportIT {

  @Override
  Server startServer(BindableService service) throws Exception {
    return NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .directExecutor()
        .addService(service)
        .build()
        .start();
  }

  @Override
  PluginAddress address() {
    return new PluginAddress.Tcp("127.0.0.1", server.getPort());
  }
}
