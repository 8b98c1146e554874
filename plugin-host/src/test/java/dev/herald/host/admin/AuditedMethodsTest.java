package dev.herald.host.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.proto.admin.v1.AuditServiceGrpc;
import dev.herald.proto.admin.v1.CallerServiceGrpc;
import dev.herald.proto.admin.v1.DeliveryServiceGrpc;
import dev.herald.proto.admin.v1.EventServiceGrpc;
import dev.herald.proto.admin.v1.KeyServiceGrpc;
import dev.herald.proto.admin.v1.PluginAdminServiceGrpc;
import dev.herald.proto.admin.v1.ReplayServiceGrpc;
import dev.herald.proto.admin.v1.SourceServiceGrpc;
import dev.herald.proto.admin.v1.WebhookServiceGrpc;
import dev.herald.proto.ingest.v1.IngestServiceGrpc;
import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class AuditedMethodsTest {

  private static final List<ServiceDescriptor> ADMIN =
      List.of(
          WebhookServiceGrpc.getServiceDescriptor(),
          DeliveryServiceGrpc.getServiceDescriptor(),
          ReplayServiceGrpc.getServiceDescriptor(),
          KeyServiceGrpc.getServiceDescriptor(),
          SourceServiceGrpc.getServiceDescriptor(),
          PluginAdminServiceGrpc.getServiceDescriptor(),
          AuditServiceGrpc.getServiceDescriptor(),
          EventServiceGrpc.getServiceDescriptor(),
          CallerServiceGrpc.getServiceDescriptor());

  private static Stream<MethodDescriptor<?, ?>> methods(ServiceDescriptor service) {
    return service.getMethods().stream();
  }

  @Test
  void everyAdminChangeHasAShortActionAndReadsHaveNone() {
    ADMIN.stream()
        .flatMap(AuditedMethodsTest::methods)
        .forEach(
            method -> {
              Optional<String> action = AuditedMethods.action(method);
              String name = method.getBareMethodName();
              if (name.startsWith("Get") || name.startsWith("List") || name.startsWith("Preview")) {
                assertThat(action).as(name).isEmpty();
              } else {
                assertThat(action)
                    .as("%s needs an entry in AuditedMethods", method.getFullMethodName())
                    .hasValueSatisfying(a -> assertThat(a).matches("[a-z_]+\\.[a-z_]+"));
              }
            });
  }

  @Test
  void namesTheChangesOperatorsFilterBy() {
    assertThat(AuditedMethods.action(WebhookServiceGrpc.getCreateWebhookMethod()))
        .hasValue("webhook.create");
    assertThat(AuditedMethods.action(PluginAdminServiceGrpc.getPausePluginMethod()))
        .hasValue("plugin.pause");
    assertThat(AuditedMethods.action(DeliveryServiceGrpc.getDiscardDeadLetterMethod()))
        .hasValue("dead_letter.discard");
    assertThat(AuditedMethods.action(KeyServiceGrpc.getRotateKeyMethod())).hasValue("key.rotate");
  }

  @Test
  void publishingIsNotAnAdminChange() {
    assertThat(methods(IngestServiceGrpc.getServiceDescriptor()).map(AuditedMethods::action))
        .allMatch(Optional::isEmpty);
  }
}
