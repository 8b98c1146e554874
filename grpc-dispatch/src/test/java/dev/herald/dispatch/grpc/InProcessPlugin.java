package dev.herald.dispatch.grpc;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** A {@link ScriptedPlugin} served in-process, reached through real stubs and channels. */
final class InProcessPlugin implements AutoCloseable {

  private final ScriptedPlugin service = new ScriptedPlugin();
  private final String name = InProcessServerBuilder.generateName();
  private final Server server;

  InProcessPlugin() throws IOException {
    server =
        InProcessServerBuilder.forName(name).directExecutor().addService(service).build().start();
  }

  /** Returns the service, to script its answers and read its requests. */
  ScriptedPlugin service() {
    return service;
  }

  /** Returns a new channel to the plugin; the caller owns it. */
  ManagedChannel newChannel() {
    return InProcessChannelBuilder.forName(name).directExecutor().build();
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }
}
