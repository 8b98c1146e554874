package dev.herald.core.admin;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A replay that ran (dry runs are not recorded): who ran it, what it asked and armed, and where its
 * deliveries are now.
 *
 * @param tokenName the name of the API token that ran it
 */
public record ReplayRun(
    long id,
    Instant startedAt,
    String tokenName,
    ReplayRequest request,
    ReplayResult result,
    ReplayProgress progress) {

  public ReplayRun {
    requireNonNull(startedAt, "startedAt");
    requireNonNull(tokenName, "tokenName");
    requireNonNull(request, "request");
    requireNonNull(result, "result");
    requireNonNull(progress, "progress");
  }

  /**
   * Returns whether a caller covering {@code realms} may see the run: it covers the run's realms.
   */
  public boolean visibleTo(Realms realms) {
    if (realms.isAll()) {
      return true;
    }
    return request
        .realms()
        .only()
        .map(own -> own.stream().allMatch(realms::contains))
        .orElse(false);
  }
}
