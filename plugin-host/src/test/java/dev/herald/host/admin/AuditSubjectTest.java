package dev.herald.host.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.proto.admin.v1.CreateSubscriptionRequest;
import dev.herald.proto.admin.v1.CreateWebhookRequest;
import dev.herald.proto.admin.v1.CreateWebhookResponse;
import dev.herald.proto.admin.v1.DeleteWebhookRequest;
import dev.herald.proto.admin.v1.ReplayRequest;
import dev.herald.proto.admin.v1.RotateKeyRequest;
import dev.herald.proto.admin.v1.RotateKeyResponse;
import dev.herald.proto.admin.v1.Subscription;
import dev.herald.proto.admin.v1.Webhook;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuditSubjectTest {

  @Test
  void aCreatedWebhookIsNamedByTheReplyWhenTheRequestLeftTheIdToHerald() {
    AuditSubject subject =
        AuditSubject.of(
            CreateWebhookRequest.newBuilder().setRealmId("acme").build(),
            CreateWebhookResponse.newBuilder()
                .setWebhook(Webhook.newBuilder().setId("wh-generated").setRealmId("acme"))
                .build(),
            Optional.empty());
    assertThat(subject)
        .isEqualTo(new AuditSubject(Optional.of("wh-generated"), Optional.of("acme")));
  }

  @Test
  void aSubscriptionIsNamedByItsIdAndTakesTheRealmItWasGiven() {
    AuditSubject subject =
        AuditSubject.of(
            CreateSubscriptionRequest.newBuilder().setWebhookId("crm").build(),
            Subscription.newBuilder().setId(42).setWebhookId("crm").build(),
            Optional.of("acme"));
    assertThat(subject).isEqualTo(new AuditSubject(Optional.of("42"), Optional.of("acme")));
  }

  @Test
  void aRefusedDeleteKeepsTheRealmReadBeforeTheCall() {
    assertThat(
            AuditSubject.of(
                DeleteWebhookRequest.newBuilder().setId("crm").build(), null, Optional.of("")))
        .isEqualTo(new AuditSubject(Optional.of("crm"), Optional.of("")));
  }

  @Test
  void aReplayOfEveryRealmHasNoRealmAndItsTargetFilterAsTarget() {
    assertThat(
            AuditSubject.of(
                ReplayRequest.newBuilder().setAllRealms(true).setPluginId("mirror").build(),
                null,
                Optional.empty()))
        .isEqualTo(new AuditSubject(Optional.of("mirror"), Optional.empty()));
  }

  @Test
  void aKeyRotationIsNamedByTheNewKey() {
    assertThat(
            AuditSubject.of(
                RotateKeyRequest.getDefaultInstance(),
                RotateKeyResponse.newBuilder().setKeyId("k2").build(),
                Optional.empty()))
        .isEqualTo(new AuditSubject(Optional.of("k2"), Optional.empty()));
  }
}
