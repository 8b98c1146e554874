package dev.herald.host.admin;

import io.grpc.MethodDescriptor;
import java.util.Map;
import java.util.Optional;

/**
 * Which API methods are admin changes, and the action each is recorded as. Every admin method but
 * the reads ({@link MethodAccess#isRead}) is a change; ingest is not an admin change.
 */
final class AuditedMethods {

  private static final String ADMIN_PACKAGE = "herald.admin.";

  // Short, stable names an operator filters by; a change missing here is recorded under its full
  // gRPC method name (AuditedMethodsTest keeps this table complete).
  private static final Map<String, String> ACTIONS =
      Map.ofEntries(
          Map.entry("WebhookService/CreateWebhook", "webhook.create"),
          Map.entry("WebhookService/UpdateWebhook", "webhook.update"),
          Map.entry("WebhookService/DeleteWebhook", "webhook.delete"),
          Map.entry("WebhookService/PauseWebhook", "webhook.pause"),
          Map.entry("WebhookService/ResumeWebhook", "webhook.resume"),
          Map.entry("WebhookService/RotateWebhookSecret", "webhook.rotate_secret"),
          Map.entry("WebhookService/TestWebhook", "webhook.test"),
          Map.entry("WebhookService/ReloadConfiguredWebhooks", "webhooks.reload"),
          Map.entry("WebhookService/CreateSubscription", "subscription.create"),
          Map.entry("WebhookService/DeleteSubscription", "subscription.delete"),
          Map.entry("WebhookService/UpdateSubscription", "subscription.update"),
          Map.entry("DeliveryService/RetryDelivery", "delivery.retry"),
          Map.entry("DeliveryService/RetryDeadLetter", "dead_letter.retry"),
          Map.entry("DeliveryService/DiscardDeadLetter", "dead_letter.discard"),
          Map.entry("ReplayService/Replay", "events.replay"),
          Map.entry("PluginAdminService/PausePlugin", "plugin.pause"),
          Map.entry("PluginAdminService/ResumePlugin", "plugin.resume"),
          Map.entry("PluginAdminService/ReloadPlugins", "plugins.reload"),
          Map.entry("KeyService/RotateKey", "key.rotate"),
          Map.entry("SourceService/CreateSource", "source.create"),
          Map.entry("SourceService/UpdateSource", "source.update"),
          Map.entry("SourceService/DeleteSource", "source.delete"),
          Map.entry("ApiKeyService/CreateApiKey", "api_key.create"),
          Map.entry("ApiKeyService/RevokeApiKey", "api_key.revoke"));

  private AuditedMethods() {}

  /** Returns the action a method is recorded as, or empty when it changes nothing. */
  static Optional<String> action(MethodDescriptor<?, ?> method) {
    String service = method.getServiceName();
    String name = method.getBareMethodName();
    if (service == null
        || name == null
        || !service.startsWith(ADMIN_PACKAGE)
        || MethodAccess.isRead(method)) {
      return Optional.empty();
    }
    String shortService = service.substring(service.lastIndexOf('.') + 1);
    return Optional.of(ACTIONS.getOrDefault(shortService + "/" + name, method.getFullMethodName()));
  }
}
