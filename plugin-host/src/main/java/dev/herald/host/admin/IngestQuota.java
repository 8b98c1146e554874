package dev.herald.host.admin;

import static java.util.Objects.requireNonNull;

import dev.herald.core.admin.AdminException;
import dev.herald.core.limit.KeyedRateLimiter;
import dev.herald.core.limit.Rate;
import dev.herald.proto.event.v1.EventEnvelope;
import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Each realm's ingest quota on this node: a publish takes one permit per event from its realm's
 * bucket, for every realm it names or for none.
 */
final class IngestQuota {

  private final Function<String, Optional<Rate>> quotas;
  private final KeyedRateLimiter<String> limiter;

  /**
   * Creates the quota.
   *
   * @param quotas each realm's quota, or empty for a realm without one
   */
  IngestQuota(Function<String, Optional<Rate>> quotas, InstantSource clock) {
    this.quotas = requireNonNull(quotas, "quotas");
    this.limiter = new KeyedRateLimiter<>(quotas, clock);
  }

  /**
   * Takes the events' permits, realm by realm.
   *
   * @throws AdminException RESOURCE_EXHAUSTED when a realm has too few, having taken nothing
   */
  void take(List<EventEnvelope> events) {
    Map<String, Integer> perRealm = new LinkedHashMap<>();
    events.forEach(event -> perRealm.merge(event.getRealmId(), 1, Integer::sum));
    Map<String, Integer> taken = new LinkedHashMap<>();
    perRealm.forEach(
        (realm, count) -> {
          Duration wait = limiter.tryTake(realm, count);
          if (!wait.isZero()) {
            taken.forEach(limiter::giveBack);
            throw AdminException.exhausted(
                "realm '"
                    + realm
                    + "' is over its ingest quota of "
                    + quotas.apply(realm).map(Rate::toString).orElse("?")
                    + "; nothing was stored",
                wait);
          }
          taken.put(realm, count);
        });
  }
}
