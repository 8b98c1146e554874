package dev.herald.dispatch.grpc;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;

/**
 * TLS towards a remote plugin: the CA that signed the plugin's certificate (the JVM's trust store
 * when empty), and for mutual TLS the host's own certificate chain and private key (PEM).
 */
public record PluginTls(
    Optional<Path> caCert, Optional<Path> clientCert, Optional<Path> clientKey) {

  public PluginTls {
    requireNonNull(caCert, "caCert");
    requireNonNull(clientCert, "clientCert");
    requireNonNull(clientKey, "clientKey");
    if (clientCert.isPresent() != clientKey.isPresent()) {
      throw new IllegalArgumentException(
          "clientCert/clientKey: only one is set (expected: both for mutual TLS, or neither)");
    }
  }
}
