package dev.herald.host.plugin;

import static java.util.Objects.requireNonNull;

import dev.herald.dispatch.grpc.PluginChannels;
import io.grpc.Channel;
import java.util.concurrent.CompletableFuture;

/** Connects to a remote plugin at its manifest's address, with TLS when the manifest asks. */
final class RemotePluginConnector {

  private final PluginChannels channels;

  RemotePluginConnector(PluginChannels channels) {
    this.channels = requireNonNull(channels, "channels");
  }

  PluginConnection connect(PluginManifest manifest) {
    Channel channel =
        channels.open(manifest.id(), manifest.address().orElseThrow(), manifest.tls());
    int version =
        manifest.protocolVersions().stream()
            .filter(Handshake.HOST_PROTOCOL_VERSIONS::contains)
            .max(Integer::compare)
            .orElseThrow();
    return new PluginConnection() {
      @Override
      public Channel channel() {
        return channel;
      }

      @Override
      public int protocolVersion() {
        return version;
      }

      @Override
      public CompletableFuture<String> exited() {
        return new CompletableFuture<>(); // a remote plugin's process is not ours to watch
      }

      @Override
      public boolean restartable() {
        return false;
      }

      @Override
      public void close() {
        channels.close(manifest.id());
      }
    };
  }
}
