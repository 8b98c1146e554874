/**
 * The plugin dispatcher: implements core's {@code Dispatcher} port over grpc-java. {@link
 * dev.herald.dispatch.grpc.PluginChannels} owns each plugin's channel, {@link
 * dev.herald.dispatch.grpc.GrpcPluginDispatcher} makes one {@code Deliver} call per attempt under a
 * deadline, and {@link dev.herald.dispatch.grpc.PluginDescriber} asks a started plugin what it is.
 */
package dev.herald.dispatch.grpc;
