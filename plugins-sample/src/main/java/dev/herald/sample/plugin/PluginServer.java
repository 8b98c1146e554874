package dev.herald.sample.plugin;

import static java.util.Objects.requireNonNull;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A plugin's gRPC server on 127.0.0.1: the plugin service plus {@code grpc.health.v1.Health},
 * SERVING for the service names {@code "plugin"} and {@code ""} until the server stops.
 */
public final class PluginServer implements AutoCloseable {

  /** The health service name Herald checks for the plugin service. */
  public static final String HEALTH_SERVICE_NAME = "plugin";

  /** How long {@link #close()} waits for calls in progress. */
  public static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);

  private final Server server;
  private final HealthStatusManager health;
  private final InFlightCalls inFlight;

  private PluginServer(Server server, HealthStatusManager health, InFlightCalls inFlight) {
    this.server = server;
    this.health = health;
    this.inFlight = inFlight;
  }

  /** Starts serving {@code plugin} on 127.0.0.1; port 0 picks a free port. */
  public static PluginServer start(BindableService plugin, int port) throws IOException {
    requireNonNull(plugin, "plugin");
    HealthStatusManager health = new HealthStatusManager();
    InFlightCalls inFlight = new InFlightCalls();
    Server server =
        NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
            .addService(ServerInterceptors.intercept(plugin, inFlight))
            .addService(health.getHealthService())
            .build()
            .start();
    health.setStatus(HEALTH_SERVICE_NAME, ServingStatus.SERVING);
    health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, ServingStatus.SERVING);
    return new PluginServer(server, health, inFlight);
  }

  /** Returns the address the server listens on. */
  public InetSocketAddress address() {
    return (InetSocketAddress) server.getListenSockets().getFirst();
  }

  /** Returns the port the server listens on. */
  public int port() {
    return address().getPort();
  }

  /**
   * Stops gracefully: reports NOT_SERVING, refuses new calls, lets the calls in progress finish
   * within {@code grace}, then ends what is left (health {@code Watch} streams among them).
   */
  public void stop(Duration grace) throws InterruptedException {
    requireNonNull(grace, "grace");
    health.enterTerminalState();
    server.shutdown();
    if (!inFlight.awaitNone(grace)) {
      System.err.println("plugin: calls still in progress after " + grace + "; cancelling them");
    }
    server.shutdownNow();
    server.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Stops this server when the JVM is asked to exit (SIGTERM from Herald, or SIGINT), then ends the
   * process with status 0.
   */
  public void stopOnShutdown(Duration grace) {
    requireNonNull(grace, "grace");
    Thread hook =
        new Thread(
            () -> {
              int status = 0;
              try {
                stop(grace);
              } catch (InterruptedException | RuntimeException e) {
                System.err.println("plugin: stopping failed: " + e);
                status = 1;
              }
              // A JVM ended by SIGTERM exits with 143; Herald asked for the stop, so it is clean.
              Runtime.getRuntime().halt(status);
            },
            "plugin-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /**
   * Ends the process with status 0 once stdin reaches end-of-file, which runs the hook of {@link
   * #stopOnShutdown(Duration)}. Herald holds stdin's pipe open and never writes to it, so it ends
   * only when Herald is gone, even killed with SIGKILL and unable to stop its plugins.
   */
  public static void exitWhenStdinCloses() {
    Thread.ofPlatform()
        .daemon()
        .name("plugin-stdin")
        .start(
            () -> {
              try {
                System.in.transferTo(OutputStream.nullOutputStream());
              } catch (IOException e) {
                // Unreadable stdin: Herald is gone all the same.
              }
              System.err.println("plugin: stdin closed, Herald is gone; stopping");
              System.exit(0);
            });
  }

  /** Blocks until the server has stopped. */
  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }

  /** Stops with {@link #DEFAULT_GRACE}. */
  @Override
  public void close() throws InterruptedException {
    stop(DEFAULT_GRACE);
  }
}
