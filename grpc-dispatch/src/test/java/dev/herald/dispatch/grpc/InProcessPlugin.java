package dev.herald.dispatch.grpc;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A {@link ScriptedPlugin} served in-process, reached through real stubs and channels. */
final class InProcessPlugin implements AutoCloseable {

  private final ScriptedPlugin service = new ScriptedPlugin();
  private final String name = InProcessServerBuilder.generateName();
  private final List<Metadata> callHeaders = new CopyOnWriteArrayList<>();
  private final Server server;

  InProcessPlugin() throws IOException {
    server =
        InProcessServerBuilder.forName(name)
            .directExecutor()
            .addService(ServerInterceptors.intercept(service, new HeaderRecorder()))
            .build()
            .start();
  }

  /** Returns the metadata each call arrived with, oldest first. */
  List<Metadata> callHeaders() {
    return List.copyOf(callHeaders);
  }

  private final class HeaderRecorder implements ServerInterceptor {
    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
        ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
      callHeaders.add(headers);
      return next.startCall(call, headers);
    }
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
