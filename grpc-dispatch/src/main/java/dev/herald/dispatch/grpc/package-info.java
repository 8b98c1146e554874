/**
 * Herald's gRPC clients. The plugin dispatcher implements core's {@code Dispatcher} port over
 * grpc-java: {@link dev.herald.dispatch.grpc.PluginChannels} owns each plugin's channel, {@link
 * dev.herald.dispatch.grpc.GrpcPluginDispatcher} makes one {@code Deliver} call per attempt under a
 * deadline, and {@link dev.herald.dispatch.grpc.PluginDescriber} asks a started plugin what it is.
 * {@link dev.herald.dispatch.grpc.IngestClient} publishes to a remote Herald's ingest API, e.g.
 * under core's {@code Emitter.remote}.
 */
package dev.herald.dispatch.grpc;
