/**
 * The plugin side of Herald's plugin protocol for Java plugins: the go-plugin-compatible handshake
 * and a gRPC server on 127.0.0.1 that serves a plugin beside {@code grpc.health.v1.Health}.
 */
package dev.herald.sample.plugin;
