package dev.herald.core.admin;

import static java.util.Collections.unmodifiableMap;
import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An operator's change to an endpoint; empty fields keep their value.
 *
 * @param rateLimit a new rate limit as written ({@code 50/s}); present but blank removes the limit
 * @param headers the static headers that replace all of the current ones (an empty map removes
 *     them); empty to keep them
 * @param ordering a new ordering; present but empty removes it (deliveries go in any order); empty
 *     to keep it
 * @param bodyFormat a new body format as written ({@code cloudevents-structured}); empty to keep it
 */
public record WebhookChange(
    Optional<String> url,
    Optional<Duration> timeout,
    OptionalInt maxInFlight,
    Optional<String> rateLimit,
    Optional<Map<String, String>> headers,
    Optional<Optional<OrderingRequest>> ordering,
    Optional<String> bodyFormat) {

  public WebhookChange {
    requireNonNull(url, "url");
    requireNonNull(timeout, "timeout");
    requireNonNull(maxInFlight, "maxInFlight");
    requireNonNull(rateLimit, "rateLimit");
    headers = requireNonNull(headers, "headers").map(h -> unmodifiableMap(new LinkedHashMap<>(h)));
    requireNonNull(ordering, "ordering");
    requireNonNull(bodyFormat, "bodyFormat");
  }
}
