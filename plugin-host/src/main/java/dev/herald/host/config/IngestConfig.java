package dev.herald.host.config;

import static java.util.Objects.requireNonNull;

import dev.herald.core.limit.Rate;
import java.util.Map;
import java.util.Optional;

/**
 * Limits on the ingest API, per realm and per node.
 *
 * @param quota how many events each realm may publish; empty: no limit
 * @param realmQuotas the quota of named realms, in place of {@code quota}
 */
public record IngestConfig(Optional<Rate> quota, Map<String, Rate> realmQuotas) {

  public IngestConfig {
    requireNonNull(quota, "quota");
    realmQuotas = Map.copyOf(realmQuotas);
  }

  /** Returns the defaults: no quota. */
  public static IngestConfig ofDefaults() {
    return new IngestConfig(Optional.empty(), Map.of());
  }

  /** Returns the quota of one realm, if it has one. */
  public Optional<Rate> quotaOf(String realm) {
    Rate own = realmQuotas.get(realm);
    return own != null ? Optional.of(own) : quota;
  }
}
