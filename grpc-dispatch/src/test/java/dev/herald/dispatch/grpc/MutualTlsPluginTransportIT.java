package dev.herald.dispatch.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.dispatch.DeliveryOutcome;
import dev.herald.core.dispatch.DeliveryResult;
import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A remote plugin on 127.0.0.1 that requires mutual TLS with certificates made for the test. */
class MutualTlsPluginTransportIT extends AbstractPluginTransportIT {

  @TempDir static Path certificates;
  private static SelfSignedCertificate pluginCertificate;
  private static SelfSignedCertificate hostCertificate;

  @BeforeAll
  static void generateCertificates() throws Exception {
    pluginCertificate = SelfSignedCertificate.generate(certificates, "plugin");
    hostCertificate = SelfSignedCertificate.generate(certificates, "host");
  }

  @Override
  Server startServer(BindableService service) throws Exception {
    return NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .sslContext(
            GrpcSslContexts.forServer(
                    pluginCertificate.certificate().toFile(),
                    pluginCertificate.privateKey().toFile())
                .trustManager(hostCertificate.certificate().toFile())
                .clientAuth(ClientAuth.REQUIRE)
                .build())
        .directExecutor()
        .addService(service)
        .build()
        .start();
  }

  @Override
  PluginAddress address() {
    return new PluginAddress.Tcp("127.0.0.1", server.getPort());
  }

  @Override
  Optional<PluginTls> tls() {
    return Optional.of(
        new PluginTls(
            Optional.of(pluginCertificate.certificate()),
            Optional.of(hostCertificate.certificate()),
            Optional.of(hostCertificate.privateKey())));
  }

  @Test
  void hostWithoutClientCertificateIsRefused() throws Exception {
    channels.open(
        ScriptedPlugin.ID,
        address(),
        Optional.of(
            new PluginTls(
                Optional.of(pluginCertificate.certificate()), Optional.empty(), Optional.empty())));

    DeliveryResult result = dispatch();

    assertThat(result.outcome()).isEqualTo(DeliveryOutcome.Retry.now());
    assertThat(result.grpcCode()).isEqualTo("UNAVAILABLE");
    assertThat(plugin.deliveries()).isEmpty();
  }

  @Test
  void pluginWithUntrustedCertificateIsRefused() throws Exception {
    channels.open(
        ScriptedPlugin.ID,
        address(),
        Optional.of(
            new PluginTls(
                Optional.of(hostCertificate.certificate()),
                Optional.of(hostCertificate.certificate()),
                Optional.of(hostCertificate.privateKey()))));

    DeliveryResult result = dispatch();

    assertThat(result.outcome()).isEqualTo(DeliveryOutcome.Retry.now());
    assertThat(result.grpcCode()).isEqualTo("UNAVAILABLE");
    assertThat(result.errorClass()).isEqualTo("transport");
    assertThat(plugin.deliveries()).isEmpty();
  }
}
