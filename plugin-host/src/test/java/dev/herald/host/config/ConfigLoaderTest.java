package dev.herald.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;
import static org.assertj.core.api.InstanceOfAssertFactories.list;

import dev.herald.core.envelope.EventTypePattern;
import dev.herald.core.limit.Rate;
import dev.herald.core.route.BreakerSettings;
import dev.herald.core.route.DeadHeadPolicy;
import dev.herald.core.route.OrderKey;
import dev.herald.core.route.Ordering;
import dev.herald.core.webhook.WebhookBodyFormat;
import dev.herald.core.webhook.WebhookSecret;
import dev.herald.host.config.PluginsConfig.RestartBackoff;
import dev.herald.host.config.RetryConfig.Exponential;
import dev.herald.host.config.RetryConfig.Schedule;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  static final String OTHER_SECRET = "whsec_" + "A".repeat(44);

  @TempDir Path secretsDir;

  private ConfigLoader loader() {
    return new ConfigLoader(new SecretResolver(secretsDir, Map.of()));
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(ConfigLoaderTest.class.getResource("/config/" + name).toURI());
  }

  @Test
  void parsesFullExampleIntoRecords() throws Exception {
    Files.writeString(secretsDir.resolve("billing-hook"), OTHER_SECRET + "\n");

    HeraldConfig config = loader().load(Optional.of(resource("full.yaml")));

    assertThat(config.database())
        .isEqualTo(new DatabaseConfig.Sqlite(Path.of("var/lib/herald/events.db")));
    assertThat(config.events())
        .isEqualTo(new EventsConfig(URI.create("urn:herald:prod:realms/acme"), 65536));
    assertThat(config.bus()).isEqualTo(new BusConfig(1024));
    assertThat(config.delivery())
        .isEqualTo(
            new DeliveryConfig(
                Duration.ofMillis(250),
                Duration.ofMinutes(5),
                50,
                64,
                512,
                new RetryConfig(
                    new Schedule(
                        List.of(
                            Duration.ofSeconds(5),
                            Duration.ofMinutes(5),
                            Duration.ofMinutes(30),
                            Duration.ofHours(2),
                            Duration.ofDays(1),
                            Duration.ofHours(36))),
                    0.1)));
    assertThat(config.plugins())
        .isEqualTo(
            new PluginsConfig(
                Path.of("etc/herald/plugins"),
                Duration.ofSeconds(20),
                Duration.ofMillis(500),
                new RestartBackoff(Duration.ofSeconds(2), Duration.ofMinutes(1)),
                0,
                Duration.ofSeconds(1)));
    assertThat(config.network().allow())
        .containsExactly("127.0.0.1", "10.20.0.0/16", "[::1]", "hooks.internal");
    assertThat(config.webhooks())
        .containsExactly(
            new WebhookConfig(
                "billing",
                URI.create("https://billing.example.com/hooks"),
                WebhookSecret.parse(OTHER_SECRET),
                List.of(EventTypePattern.parse("user.*"), EventTypePattern.parse("group.created")),
                Optional.of("acme"),
                true,
                Duration.ofSeconds(10),
                16,
                Optional.of(Rate.parse("50/s")),
                Map.of(),
                List.of(),
                Optional.of(
                    new Ordering(OrderKey.parse("payload.account_id"), DeadHeadPolicy.SKIP)),
                WebhookBodyFormat.CLOUDEVENTS_BINARY),
            new WebhookConfig(
                "audit_log-2",
                URI.create("http://127.0.0.1:8080/audit"),
                WebhookSecret.parse(SECRET),
                List.of(EventTypePattern.parse("*")),
                Optional.empty(),
                false,
                Duration.ofSeconds(2),
                1,
                Optional.empty(),
                Map.of(),
                List.of(),
                Optional.of(Ordering.bySubject()),
                WebhookBodyFormat.HERALD));
  }

  @Test
  void noFileGivesDefaults() {
    HeraldConfig config = loader().load(Optional.empty());

    assertThat(config).isEqualTo(HeraldConfig.ofDefaults());
    assertThat(config.database()).isEqualTo(new DatabaseConfig.Sqlite(Path.of("data/herald.db")));
    assertThat(config.events().source()).isEqualTo(URI.create("urn:herald:local"));
    assertThat(config.events().maxPayloadBytes()).isEqualTo(262144);
    assertThat(config.bus().queueCapacity()).isEqualTo(8192);
    assertThat(config.delivery())
        .isEqualTo(
            new DeliveryConfig(
                Duration.ofSeconds(1),
                Duration.ofMinutes(2),
                100,
                256,
                1024,
                new RetryConfig(new Schedule(RetryConfig.DEFAULT_SCHEDULE), 0.2)));
    assertThat(config.plugins())
        .isEqualTo(
            new PluginsConfig(
                Path.of("plugins"),
                Duration.ofSeconds(10),
                Duration.ofSeconds(2),
                new RestartBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30)),
                5,
                Duration.ofSeconds(5)));
    assertThat(config.webhooks()).isEmpty();
  }

  @Test
  void emptyOrCommentOnlyFileGivesDefaults() {
    assertThat(loader().parse("", "empty.yaml")).isEqualTo(HeraldConfig.ofDefaults());
    assertThat(loader().parse("# nothing yet\n", "c.yaml")).isEqualTo(HeraldConfig.ofDefaults());
    assertThat(loader().parse("database:\nwebhooks: []\n", "n.yaml"))
        .isEqualTo(HeraldConfig.ofDefaults());
  }

  @Test
  void partialSectionKeepsOtherDefaults() {
    HeraldConfig config = loader().parse("delivery:\n  batch_size: 7\n", "p.yaml");

    assertThat(config.delivery().batchSize()).isEqualTo(7);
    assertThat(config.delivery().lease()).isEqualTo(Duration.ofMinutes(2));
    assertThat(config.delivery().retry()).isEqualTo(RetryConfig.ofDefaults());
  }

  @Test
  void partialPluginsSectionKeepsOtherDefaults() {
    PluginsConfig plugins =
        loader().parse("plugins:\n  restart_backoff: {max: 5m}\n", "p.yaml").plugins();

    assertThat(plugins.restartBackoff())
        .isEqualTo(new RestartBackoff(Duration.ofSeconds(1), Duration.ofMinutes(5)));
    assertThat(plugins.directory()).isEqualTo(PluginsConfig.DEFAULT_DIRECTORY);
    assertThat(plugins.maxRestarts()).isEqualTo(5);
  }

  @Test
  void readsExponentialBackoff() {
    HeraldConfig config =
        loader()
            .parse(
                """
                delivery:
                  retry:
                    exponential: {initial: 1s, multiplier: 2.0, max: 1h, max_attempts: 10}
                    jitter: 0
                """,
                "e.yaml");

    assertThat(config.delivery().retry())
        .isEqualTo(
            new RetryConfig(
                new Exponential(Duration.ofSeconds(1), 2.0, Duration.ofHours(1), 10), 0.0));
  }

  @Test
  void readsTheCircuitBreaker() {
    HeraldConfig config =
        loader()
            .parse(
                "delivery:\n  circuit_breaker: {failure_threshold: 3, open_for: 2m}\n", "b.yaml");

    assertThat(config.delivery().circuitBreaker())
        .isEqualTo(new BreakerSettings(3, Duration.ofMinutes(2)));
    assertThat(HeraldConfig.ofDefaults().delivery().circuitBreaker())
        .isEqualTo(new BreakerSettings(10, Duration.ofSeconds(30)));
  }

  @Test
  void readsAutoDisableAfterWithOffAsZero() {
    assertThat(HeraldConfig.ofDefaults().delivery().autoDisableAfter())
        .as("like Svix")
        .isEqualTo(Duration.ofDays(5));
    assertThat(autoDisableAfter("2d")).isEqualTo(Duration.ofDays(2));
    assertThat(autoDisableAfter("90m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(autoDisableAfter("off")).isZero();
    assertThat(autoDisableAfter("0s")).isZero();
    assertThat(autoDisableAfter("0")).isZero();
  }

  private Duration autoDisableAfter(String value) {
    return loader()
        .parse("delivery:\n  auto_disable_after: " + value + "\n", "a.yaml")
        .delivery()
        .autoDisableAfter();
  }

  @Test
  void missingFileNamesThePath(@TempDir Path dir) {
    Path file = dir.resolve("nope.yaml");

    assertThatThrownBy(() -> loader().load(Optional.of(file)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(file.toString())
        .extracting(e -> ((ConfigException) e).problems(), list(String.class))
        .containsExactly(file + ": no such file");
  }

  @Test
  void yamlSyntaxErrorGivesLineAndColumn() throws Exception {
    Path file = resource("broken.yaml");

    assertThatThrownBy(() -> loader().load(Optional.of(file)))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("Invalid configuration in " + file)
        .extracting(e -> ((ConfigException) e).problems(), list(String.class))
        .singleElement(STRING)
        .isEqualTo("line 5, column 43: mapping values are not allowed here");
  }

  @Test
  void duplicateYamlKeyIsAnError() {
    assertThatThrownBy(() -> loader().parse("bus:\n  queue_capacity: 1\nbus: {}\n", "d.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("line 3, column 4: Duplicate field 'bus'")
        .hasMessageContaining("bus");
  }

  @Test
  void invalidSecretsAreNeverEchoed() {
    String yaml =
        """
        webhooks:
          - id: a
            url: https://a.example
            secret: whsec_c2hvcnQ=
            event_types: [user.created]
        """;

    assertThatThrownBy(() -> loader().parse(yaml, "s.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("webhooks[0].secret: key is 5 bytes")
        .hasMessageNotContaining("c2hvcnQ");
  }
}
