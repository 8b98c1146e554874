package dev.herald.host.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.proto.admin.v1.CreateWebhookRequest;
import dev.herald.proto.admin.v1.RotateWebhookSecretRequest;
import org.junit.jupiter.api.Test;

class AuditRedactionTest {

  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

  @Test
  void dropsTheSecretOfACreatedWebhookAndKeepsTheRest() {
    AuditRedaction redaction =
        AuditRedaction.of(
            CreateWebhookRequest.newBuilder()
                .setId("crm")
                .setRealmId("acme")
                .setUrl("https://crm.example/hooks")
                .addEventTypes("user.*")
                .setSecret(SECRET)
                .build());
    assertThat(redaction.details())
        .doesNotContain(SECRET)
        .doesNotContain("secret")
        .contains("\"id\":\"crm\"", "\"realm_id\":\"acme\"", "https://crm.example/hooks");
  }

  @Test
  void dropsARotatedSecretAndScrubsItFromMessagesThatEchoIt() {
    AuditRedaction redaction =
        AuditRedaction.of(
            RotateWebhookSecretRequest.newBuilder().setId("crm").setSecret(SECRET).build());
    assertThat(redaction.details()).isEqualTo("{\"id\":\"crm\"}");
    assertThat(redaction.scrub("secret: '" + SECRET + "' is not base64"))
        .isEqualTo("secret: '***' is not base64");
  }

  @Test
  void dropsSecretLikeFieldsAtAnyDepthMapKeysIncluded() {
    AuditRedaction redaction =
        AuditRedaction.ofJson(
            """
            {"id": "crm", "api_key": "k-123456", "nested": {"password": "hunter22",
             "list": [{"access_token": "t-abcdef", "name": "kept"}]},
             "headers": {"Authorization": "Bearer abcdefgh", "X-Trace": "on"}}
            """);
    assertThat(redaction.details())
        .isEqualTo(
            "{\"id\":\"crm\",\"nested\":{\"list\":[{\"name\":\"kept\"}]},"
                + "\"headers\":{\"X-Trace\":\"on\"}}");
    assertThat(redaction.scrub("k-123456 hunter22 t-abcdef Bearer abcdefgh"))
        .isEqualTo("*** *** *** ***");
  }
}
