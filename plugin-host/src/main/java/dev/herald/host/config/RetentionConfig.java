package dev.herald.host.config;

import static java.util.Objects.requireNonNull;

import dev.herald.core.retention.RetentionPolicy;
import dev.herald.core.retention.RetentionSettings;

/**
 * How long old rows are kept, and how the purge runs.
 *
 * @param policy how long succeeded and dead deliveries, events and attempt logs are kept
 * @param settings how often the purge runs, its batch size and the pause between batches
 */
public record RetentionConfig(RetentionPolicy policy, RetentionSettings settings) {

  public RetentionConfig {
    requireNonNull(policy, "policy");
    requireNonNull(settings, "settings");
  }

  /** Returns the defaults: succeeded 7d, dead 30d, events 30d, attempt logs 30d; every 10m. */
  public static RetentionConfig ofDefaults() {
    return new RetentionConfig(RetentionPolicy.ofDefaults(), RetentionSettings.ofDefaults());
  }
}
