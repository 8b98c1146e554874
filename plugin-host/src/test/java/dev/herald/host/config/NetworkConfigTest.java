package dev.herald.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetworkConfigTest {

  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

  @TempDir Path secrets;

  private ConfigLoader loader() {
    return new ConfigLoader(new SecretResolver(secrets, Map.of()));
  }

  private List<String> problems(String yaml) {
    return catchThrowableOfType(ConfigException.class, () -> loader().parse(yaml, "t.yaml"))
        .problems();
  }

  @Test
  void deniesInternalAddressesByDefault() {
    NetworkConfig network = loader().load(Optional.empty()).network();

    assertThat(network.allow()).isEmpty();
    assertThat(network.policy().checkLiteral("127.0.0.1")).isPresent();
  }

  @Test
  void allowListTakesAddressesBlocksAndNames() {
    NetworkConfig network =
        loader()
            .parse(
                """
                network:
                  allow: [127.0.0.1, "10.20.0.0/16", "[::1]", hooks.internal]
                webhooks:
                  - {id: local, url: 'http://127.0.0.1:8099/hooks', secret: %s, event_types: [a]}
                  - {id: named, url: 'http://hooks.internal/x', secret: %s, event_types: [a]}
                """
                    .formatted(SECRET, SECRET),
                "t.yaml")
            .network();

    assertThat(network.allow())
        .containsExactly("127.0.0.1", "10.20.0.0/16", "[::1]", "hooks.internal");
    assertThat(network.policy().checkLiteral("10.20.3.4")).isEmpty();
  }

  @Test
  void malformedEntriesAreNamedByPath() {
    assertThat(problems("network:\n  allow: [127.0.0.1, 127.1, '10.0.0.0/40']\n  deny: []\n"))
        .containsExactly(
            "network.allow[1]: '127.1' (expected: an IP address such as 127.0.0.1 or ::1, a block"
                + " such as 10.0.0.0/8, or a host name)",
            "network.allow[2]: '10.0.0.0/40' (expected: an IP address such as 127.0.0.1 or ::1, a"
                + " block such as 10.0.0.0/8, or a host name)",
            "network.deny: unknown key (expected one of: allow)");
  }

  @Test
  void aWebhookAtADeniedLiteralAddressIsRefusedNamingTheRule() {
    assertThat(
            problems(
                """
                webhooks:
                  - {id: meta, url: 'https://169.254.169.254/latest', secret: %s, event_types: [a]}
                  - {id: odd, url: 'https://0x7f.1/hooks', secret: %s, event_types: [a]}
                """
                    .formatted(SECRET, SECRET)))
        .containsExactly(
            "webhooks[0].url: 'https://169.254.169.254/latest' (169.254.169.254: cloud metadata,"
                + " denied; expected: a public address, or an allow-listed one)",
            "webhooks[1].url: 'https://0x7f.1/hooks' ('0x7f.1' is 127.0.0.1: loopback, denied;"
                + " expected: a public address, or an allow-listed one)");
  }

  @Test
  void plainHttpOnlyToAllowListedHosts() {
    assertThat(
            problems(
                """
                network: {allow: [hooks.internal]}
                webhooks:
                  - {id: crm, url: 'http://crm.example.com/hooks', secret: %s, event_types: [a]}
                """
                    .formatted(SECRET)))
        .containsExactly(
            "webhooks[0].url: 'http://crm.example.com/hooks' (expected: https; plain http only to"
                + " the hosts in network.allow: [hooks.internal])");
  }
}
