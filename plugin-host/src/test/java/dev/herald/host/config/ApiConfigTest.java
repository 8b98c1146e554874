package dev.herald.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiConfigTest {

  private static final String HASH = "a".repeat(64);

  @TempDir Path secrets;

  private ConfigLoader loader() {
    return new ConfigLoader(new SecretResolver(secrets, Map.of()));
  }

  @Test
  void readsTokensByHashOrSecretRefScopedToRealms() throws Exception {
    Files.writeString(secrets.resolve("ops-token"), "s3cret\n");
    HeraldConfig config =
        loader()
            .parse(
                """
                api:
                  address: 0.0.0.0
                  port: 9000
                  allow_http_hosts: [127.0.0.1]
                  tokens:
                    - {name: ops, role: admin, secret_ref: ops-token}
                    - {name: acme, role: publisher, sha256: %s, realms: [acme, '']}
                    - {name: audit, role: reader, sha256: %s}
                """
                    .formatted(HASH, HASH.replace('a', 'b')),
                "t.yaml");
    ApiConfig api = config.api();
    assertThat(api.address()).isEqualTo("0.0.0.0");
    assertThat(api.port()).isEqualTo(9000);
    assertThat(api.allowHttpHosts()).containsExactly("127.0.0.1");
    assertThat(api.tokens().get(0).sha256()).isEqualTo(ApiMapper.sha256Of("s3cret"));
    assertThat(api.tokens().get(1).sha256()).isEqualTo(HexFormat.of().parseHex(HASH));
    assertThat(api.tokens().get(0).realms()).isEmpty();
    assertThat(api.tokens().get(1).role()).isEqualTo(ApiToken.Role.PUBLISHER);
    assertThat(api.tokens().get(1).realms()).contains(Set.of("acme", ""));
    assertThat(api.tokens().get(2).role()).isEqualTo(ApiToken.Role.READER);
  }

  @Test
  void defaultsListenOnLoopbackWithNoTokens() {
    ApiConfig api = loader().load(Optional.empty()).api();
    assertThat(api.address()).isEqualTo("127.0.0.1");
    assertThat(api.port()).isEqualTo(ApiConfig.DEFAULT_PORT);
    assertThat(api.tokens()).isEmpty();
  }

  @Test
  void badTokensNameTheirKeysAndNeverEchoTheValue() {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                loader()
                    .parse(
                        """
                        api:
                          port: 70000
                          tokens:
                            - {name: ops, role: root, sha256: my-plain-token}
                            - {name: ops, role: admin, sha256: %s, secret_ref: x}
                            - {name: b, role: admin, sha256: %s, realms: ['*', acme]}
                            - {name: 'api-key:1', role: reader, sha256: %s}
                        """
                            .formatted(HASH, HASH, HASH),
                        "t.yaml"));
    assertThat(e.problems())
        .containsExactly(
            "api.port: 70000 (expected: 0..65535)",
            "api.tokens[0].role: 'root' (expected: admin, reader or publisher)",
            "api.tokens[0].sha256: not a SHA-256 (expected: 64 hex digits, e.g. from `printf %s"
                + " TOKEN | sha256sum`)",
            "api.tokens[1].name: 'ops' (expected: unique; already used by api.tokens[0])",
            "api.tokens[1]: both sha256 and secret_ref are set (expected: exactly one of them)",
            "api.tokens[2].realms: [*, acme] (expected: ['*'] alone, or a list of realms)",
            "api.tokens[3].name: 'api-key:1' (expected: not beginning with api-key:)");
    assertThat(e.getMessage()).doesNotContain("my-plain-token");
  }

  @Test
  void metricsNeedNoTokenUnlessConfiguredAndTheStuckThresholdIsRead() {
    assertThat(loader().load(Optional.empty()).api().metricsRequireToken()).isFalse();
    assertThat(loader().load(Optional.empty()).delivery().stuckAfter())
        .isEqualTo(DeliveryConfig.DEFAULT_STUCK_AFTER);

    HeraldConfig config =
        loader()
            .parse(
                """
                api:
                  metrics: {require_token: true}
                delivery:
                  stuck_after: 30m
                """,
                "t.yaml");

    assertThat(config.api().metricsRequireToken()).isTrue();
    assertThat(config.delivery().stuckAfter()).isEqualTo(java.time.Duration.ofMinutes(30));
  }

  @Test
  void badMetricsAndStuckSettingsNameTheirKeys() {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                loader()
                    .parse(
                        """
                        api:
                          metrics: {require_token: maybe, path: /m}
                        delivery:
                          stuck_after: 0s
                        """,
                        "t.yaml"));

    assertThat(e.problems())
        .containsExactlyInAnyOrder(
            "api.metrics.require_token: 'maybe' (expected: true or false)",
            "api.metrics.path: unknown key (expected one of: require_token)",
            "delivery.stuck_after: '0s' (expected: > 0)");
  }
}
