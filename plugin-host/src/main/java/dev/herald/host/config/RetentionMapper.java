package dev.herald.host.config;

import dev.herald.core.retention.RetentionPolicy;
import dev.herald.core.retention.RetentionSettings;
import java.time.Duration;
import java.util.Optional;

/** Maps the {@code retention} section; a kind of row kept {@code forever} is never purged. */
final class RetentionMapper {

  private static final String FOREVER = "forever";

  private RetentionMapper() {}

  static RetentionConfig map(YamlMapping yaml) {
    RetentionPolicy defaults = RetentionPolicy.ofDefaults();
    RetentionSettings settings = RetentionSettings.ofDefaults();
    RetentionConfig config =
        new RetentionConfig(
            new RetentionPolicy(
                keep(yaml, "succeeded", defaults.succeeded()),
                keep(yaml, "dead", defaults.dead()),
                keep(yaml, "events", defaults.events()),
                keep(yaml, "attempt_logs", defaults.attemptLogs())),
            new RetentionSettings(
                yaml.get("interval", Scalars.positiveDuration(), settings.interval()),
                yaml.get("batch_size", Scalars.integerAtLeast(1), settings.batchSize()),
                yaml.get("pause", Scalars.positiveDuration(), settings.pause()),
                settings.vacuumPages()));
    yaml.rejectUnknownKeys();
    return config;
  }

  private static Optional<Duration> keep(
      YamlMapping yaml, String key, Optional<Duration> fallback) {
    return yaml.get(key, RetentionMapper::keep, fallback);
  }

  private static Optional<Duration> keep(com.fasterxml.jackson.databind.JsonNode node) {
    if (!node.isTextual()) {
      throw Scalars.expected(node, "a duration like 7d, or forever");
    }
    String text = node.asText().strip();
    if (text.equals(FOREVER)) {
      return Optional.empty();
    }
    Duration keep;
    try {
      keep = DurationParser.parse(text);
    } catch (IllegalArgumentException e) {
      throw Scalars.expected(node, "a duration like 7d, or forever");
    }
    if (keep.isNegative() || keep.isZero()) {
      throw Scalars.expected(node, "> 0, or forever");
    }
    return Optional.of(keep);
  }
}
