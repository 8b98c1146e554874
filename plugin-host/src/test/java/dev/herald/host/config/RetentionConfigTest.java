package dev.herald.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.herald.core.retention.RetentionPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionConfigTest {

  @TempDir Path secrets;

  private ConfigLoader loader() {
    return new ConfigLoader(new SecretResolver(secrets, Map.of()));
  }

  private RetentionConfig parse(String yaml) {
    return loader().parse(yaml, "t.yaml").retention();
  }

  private List<String> problems(String yaml) {
    return catchThrowableOfType(ConfigException.class, () -> loader().parse(yaml, "t.yaml"))
        .problems();
  }

  @Test
  void defaultsAreThoseOfTheIssue() {
    RetentionConfig retention = loader().load(Optional.empty()).retention();

    assertThat(retention.policy()).isEqualTo(RetentionPolicy.ofDefaults());
    assertThat(retention.policy().succeeded()).contains(Duration.ofDays(7));
    assertThat(retention.policy().dead()).contains(Duration.ofDays(30));
    assertThat(retention.policy().events()).contains(Duration.ofDays(30));
    assertThat(retention.policy().attemptLogs()).contains(Duration.ofDays(30));
    assertThat(retention.settings().interval()).isEqualTo(Duration.ofMinutes(10));
    assertThat(retention.settings().batchSize()).isEqualTo(500);
  }

  @Test
  void eachKindTakesADurationOrForever() {
    RetentionConfig retention =
        parse(
            """
            retention:
              succeeded: 1d
              dead: forever
              events: 90d
              attempt_logs: 12h
              interval: 1m
              batch_size: 200
              pause: 10ms
            """);

    assertThat(retention.policy())
        .isEqualTo(
            new RetentionPolicy(
                Optional.of(Duration.ofDays(1)),
                Optional.empty(),
                Optional.of(Duration.ofDays(90)),
                Optional.of(Duration.ofHours(12))));
    assertThat(retention.settings().interval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(retention.settings().batchSize()).isEqualTo(200);
    assertThat(retention.settings().pause()).isEqualTo(Duration.ofMillis(10));
  }

  @Test
  void badValuesAreNamedByPath() {
    assertThat(
            problems(
                """
                retention:
                  succeeded: 0s
                  dead: always
                  events: 3
                  batch_size: 0
                  interval: 0s
                  keep: 1d
                """))
        .containsExactlyInAnyOrder(
            "retention.succeeded: '0s' (expected: > 0, or forever)",
            "retention.dead: 'always' (expected: a duration like 7d, or forever)",
            "retention.events: 3 (expected: a duration like 7d, or forever)",
            "retention.batch_size: 0 (expected: > 0)",
            "retention.interval: '0s' (expected: > 0)",
            "retention.keep: unknown key (expected one of: succeeded, dead, events, attempt_logs,"
                + " interval, batch_size, pause)");
  }
}
