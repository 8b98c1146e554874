package dev.herald.host.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.admin.Realms;
import dev.herald.host.config.ApiToken;
import dev.herald.proto.admin.v1.ActivityServiceGrpc;
import dev.herald.proto.admin.v1.ApiKeyServiceGrpc;
import dev.herald.proto.admin.v1.AuditServiceGrpc;
import dev.herald.proto.admin.v1.CallerServiceGrpc;
import dev.herald.proto.admin.v1.DeliveryServiceGrpc;
import dev.herald.proto.admin.v1.EventServiceGrpc;
import dev.herald.proto.admin.v1.ExportServiceGrpc;
import dev.herald.proto.admin.v1.KeyServiceGrpc;
import dev.herald.proto.admin.v1.PluginAdminServiceGrpc;
import dev.herald.proto.admin.v1.ReplayServiceGrpc;
import dev.herald.proto.admin.v1.SourceServiceGrpc;
import dev.herald.proto.admin.v1.StorageServiceGrpc;
import dev.herald.proto.admin.v1.WebhookServiceGrpc;
import dev.herald.proto.ingest.v1.IngestServiceGrpc;
import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class MethodAccessTest {

  private static final List<ServiceDescriptor> SERVICES =
      List.of(
          ActivityServiceGrpc.getServiceDescriptor(),
          ApiKeyServiceGrpc.getServiceDescriptor(),
          AuditServiceGrpc.getServiceDescriptor(),
          CallerServiceGrpc.getServiceDescriptor(),
          DeliveryServiceGrpc.getServiceDescriptor(),
          EventServiceGrpc.getServiceDescriptor(),
          ExportServiceGrpc.getServiceDescriptor(),
          KeyServiceGrpc.getServiceDescriptor(),
          PluginAdminServiceGrpc.getServiceDescriptor(),
          ReplayServiceGrpc.getServiceDescriptor(),
          SourceServiceGrpc.getServiceDescriptor(),
          StorageServiceGrpc.getServiceDescriptor(),
          WebhookServiceGrpc.getServiceDescriptor(),
          IngestServiceGrpc.getServiceDescriptor());

  // Every method a reader may or may not call. A new method fails this test until it is added
  // here: check that a "read" changes nothing, and rename it if it does.
  private static final String EXPECTED =
      """
      herald.admin.v1.ActivityService/GetActivity read
      herald.admin.v1.ApiKeyService/CreateApiKey change
      herald.admin.v1.ApiKeyService/GetApiKey read
      herald.admin.v1.ApiKeyService/ListApiKeys read
      herald.admin.v1.ApiKeyService/RevokeApiKey change
      herald.admin.v1.AuditService/ListAuditEntries read
      herald.admin.v1.CallerService/GetCaller read
      herald.admin.v1.DeliveryService/DiscardDeadLetter change
      herald.admin.v1.DeliveryService/GetDelivery read
      herald.admin.v1.DeliveryService/ListDeadLetters read
      herald.admin.v1.DeliveryService/ListDeliveries read
      herald.admin.v1.DeliveryService/RetryDeadLetter change
      herald.admin.v1.DeliveryService/RetryDelivery change
      herald.admin.v1.EventService/ListEvents read
      herald.admin.v1.ExportService/ExportEvents read
      herald.admin.v1.KeyService/RotateKey change
      herald.admin.v1.PluginAdminService/GetPlugin read
      herald.admin.v1.PluginAdminService/ListPlugins read
      herald.admin.v1.PluginAdminService/PausePlugin change
      herald.admin.v1.PluginAdminService/PreviewPluginDelivery read
      herald.admin.v1.PluginAdminService/ReloadPlugins change
      herald.admin.v1.PluginAdminService/ResumePlugin change
      herald.admin.v1.ReplayService/GetReplay read
      herald.admin.v1.ReplayService/ListReplays read
      herald.admin.v1.ReplayService/Replay change
      herald.admin.v1.SourceService/CreateSource change
      herald.admin.v1.SourceService/DeleteSource change
      herald.admin.v1.SourceService/GetSource read
      herald.admin.v1.SourceService/ListSources read
      herald.admin.v1.SourceService/UpdateSource change
      herald.admin.v1.StorageService/GetStorageStats read
      herald.admin.v1.WebhookService/CreateSubscription change
      herald.admin.v1.WebhookService/CreateWebhook change
      herald.admin.v1.WebhookService/DeleteSubscription change
      herald.admin.v1.WebhookService/DeleteWebhook change
      herald.admin.v1.WebhookService/GetWebhook read
      herald.admin.v1.WebhookService/ListSubscriptions read
      herald.admin.v1.WebhookService/ListWebhooks read
      herald.admin.v1.WebhookService/PauseWebhook change
      herald.admin.v1.WebhookService/PreviewWebhookDelivery read
      herald.admin.v1.WebhookService/ReloadConfiguredWebhooks change
      herald.admin.v1.WebhookService/ResumeWebhook change
      herald.admin.v1.WebhookService/RotateWebhookSecret change
      herald.admin.v1.WebhookService/TestWebhook change
      herald.admin.v1.WebhookService/UpdateSubscription change
      herald.admin.v1.WebhookService/UpdateWebhook change
      herald.ingest.v1.IngestService/GetEvent read
      herald.ingest.v1.IngestService/Publish change
      herald.ingest.v1.IngestService/PublishBatch change
      """;

  private static final Caller READER = new Caller("audit", ApiToken.Role.READER, Realms.all());
  private static final Caller PUBLISHER =
      new Caller("app", ApiToken.Role.PUBLISHER, Realms.one("acme"));
  private static final Caller ADMIN = new Caller("ops", ApiToken.Role.ADMIN, Realms.all());

  @Test
  void classifiesEveryMethodOfTheApiAsTheTableSays() {
    Map<String, String> actual = new TreeMap<>();
    for (ServiceDescriptor service : SERVICES) {
      for (MethodDescriptor<?, ?> method : service.getMethods()) {
        actual.put(method.getFullMethodName(), MethodAccess.isRead(method) ? "read" : "change");
      }
    }
    StringBuilder table = new StringBuilder();
    actual.forEach((method, kind) -> table.append(method).append(' ').append(kind).append('\n'));
    assertThat(table.toString()).isEqualTo(EXPECTED);
  }

  @Test
  void aReaderCallsOnlyReadsAndIsToldWhichMethodAndRoleWhenRefused() {
    assertThat(MethodAccess.refusal(READER, WebhookServiceGrpc.getListWebhooksMethod())).isEmpty();
    assertThat(MethodAccess.refusal(READER, IngestServiceGrpc.getGetEventMethod())).isEmpty();
    assertThat(MethodAccess.refusal(READER, WebhookServiceGrpc.getCreateWebhookMethod()))
        .contains(
            "token 'audit' is a reader token; herald.admin.v1.WebhookService/CreateWebhook"
                + " changes something and needs an admin token");
    assertThat(MethodAccess.refusal(READER, IngestServiceGrpc.getPublishMethod()))
        .hasValueSatisfying(reason -> assertThat(reason).contains("a publisher or admin token"));
  }

  @Test
  void aPublisherPublishesButCallsNothingOfTheAdminApiAndAnAdminCallsEverything() {
    assertThat(MethodAccess.refusal(PUBLISHER, IngestServiceGrpc.getPublishMethod())).isEmpty();
    assertThat(MethodAccess.refusal(PUBLISHER, WebhookServiceGrpc.getListWebhooksMethod()))
        .contains("token 'app' is a publisher token; the admin API needs an admin token");
    for (ServiceDescriptor service : SERVICES) {
      service
          .getMethods()
          .forEach(method -> assertThat(MethodAccess.refusal(ADMIN, method)).isEmpty());
    }
  }
}
