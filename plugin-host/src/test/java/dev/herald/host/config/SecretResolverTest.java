package dev.herald.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretResolverTest {

  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

  @TempDir Path secretsDir;

  private static String hook(String secretRef) {
    return """
    webhooks:
      - id: billing
        url: https://billing.example.com/hooks
        secret_ref: %s
        event_types: [user.*]
    """
        .formatted(secretRef);
  }

  @Test
  void readsFileTrimmingTrailingNewline() throws Exception {
    Files.writeString(secretsDir.resolve("billing-hook"), SECRET + "\n");

    assertThat(new SecretResolver(secretsDir, Map.of()).resolve("billing-hook")).isEqualTo(SECRET);
  }

  @Test
  void fileWinsOverEnvironment() throws Exception {
    Files.writeString(secretsDir.resolve("billing-hook"), "from-file");

    assertThat(
            new SecretResolver(secretsDir, Map.of("BILLING_HOOK", "from-env"))
                .resolve("billing-hook"))
        .isEqualTo("from-file");
  }

  @Test
  void fallsBackToEnvironmentVariable() {
    SecretResolver resolver = new SecretResolver(secretsDir, Map.of("BILLING_HOOK", SECRET));

    assertThat(resolver.resolve("billing-hook")).isEqualTo(SECRET);
  }

  @Test
  void namesEnvironmentVariableByUpperCasingAndReplacingOthers() {
    assertThat(SecretResolver.environmentName("billing-hook")).isEqualTo("BILLING_HOOK");
    assertThat(SecretResolver.environmentName("crm.v2_key")).isEqualTo("CRM_V2_KEY");
  }

  @Test
  void missingSecretNamesWhereItLooked() {
    assertThatThrownBy(
            () -> new SecretResolver(Path.of("/run/secrets"), Map.of()).resolve("billing-hook"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "'billing-hook' not found in /run/secrets or environment variable BILLING_HOOK");
  }

  @Test
  void rejectsNamesThatCouldLeaveTheSecretsDirectory() throws Exception {
    Files.writeString(secretsDir.getParent().resolve("outside"), SECRET);
    SecretResolver resolver = new SecretResolver(secretsDir, Map.of());

    assertThatThrownBy(() -> resolver.resolve("../outside"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("'../outside' (expected: a name of letters");
    assertThatThrownBy(() -> resolver.resolve("..")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void loaderResolvesSecretRefFromSecretsDir() throws Exception {
    Files.writeString(secretsDir.resolve("billing-hook"), SECRET + "\n");
    ConfigLoader loader = new ConfigLoader(new SecretResolver(secretsDir, Map.of()));

    HeraldConfig config = loader.parse(hook("billing-hook"), "t.yaml");

    assertThat(config.webhooks().get(0).secret().encoded()).isEqualTo(SECRET);
  }

  @Test
  void loaderResolvesSecretRefFromEnvironment() {
    ConfigLoader loader =
        new ConfigLoader(new SecretResolver(secretsDir, Map.of("BILLING_HOOK", SECRET)));

    HeraldConfig config = loader.parse(hook("billing-hook"), "t.yaml");

    assertThat(config.webhooks().get(0).secret().encoded()).isEqualTo(SECRET);
  }

  @Test
  void loaderReportsMissingRefUnderItsKey() {
    ConfigLoader loader = new ConfigLoader(new SecretResolver(Path.of("/run/secrets"), Map.of()));

    assertThatThrownBy(() -> loader.parse(hook("billing-hook"), "t.yaml"))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "webhooks[0].secret_ref: 'billing-hook' not found in /run/secrets or"
                            + " environment variable BILLING_HOOK"));
  }

  @Test
  void loaderReportsInvalidResolvedSecretWithoutEchoingIt() throws Exception {
    Files.writeString(secretsDir.resolve("billing-hook"), "hunter2-plaintext\n");
    ConfigLoader loader = new ConfigLoader(new SecretResolver(secretsDir, Map.of()));

    assertThatThrownBy(() -> loader.parse(hook("billing-hook"), "t.yaml"))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "webhooks[0].secret_ref: 'billing-hook' resolved to an invalid secret:"
                            + " expected the form whsec_<base64>"))
        .hasMessageNotContaining("hunter2");
  }
}
