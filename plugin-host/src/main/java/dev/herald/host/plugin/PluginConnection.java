package dev.herald.host.plugin;

import io.grpc.Channel;
import java.util.concurrent.CompletableFuture;

/** A live connection to a plugin: its channel, and for a managed plugin its process. */
interface PluginConnection extends AutoCloseable {

  /** Returns the channel to the plugin's gRPC server. */
  Channel channel();

  /** Returns the protocol version agreed for this connection. */
  int protocolVersion();

  /** Completes with a description when the plugin's process exits; never for remote plugins. */
  CompletableFuture<String> exited();

  /** Returns whether a failed health check should end this connection (restart the process). */
  boolean restartable();

  /** Closes the channel and stops the process: SIGTERM, the grace period, then SIGKILL. */
  @Override
  void close();
}
