package dev.herald.core.admin;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.Set;

/**
 * The realms a request covers: every realm, or a set of them ({@code ""} is the default realm of
 * deployments without tenants).
 */
public record Realms(Optional<Set<String>> only) {

  private static final Realms ALL = new Realms(Optional.empty());

  public Realms {
    requireNonNull(only, "only");
    only = only.map(Set::copyOf);
  }

  /** Returns every realm. */
  public static Realms all() {
    return ALL;
  }

  /** Returns the given realms only. */
  public static Realms of(Set<String> realms) {
    return new Realms(Optional.of(realms));
  }

  /** Returns one realm only. */
  public static Realms one(String realm) {
    return of(Set.of(requireNonNull(realm, "realm")));
  }

  /** Returns whether the realm is covered. */
  public boolean contains(String realm) {
    return only.map(set -> set.contains(realm)).orElse(true);
  }

  /** Returns whether every realm is covered. */
  public boolean isAll() {
    return only.isEmpty();
  }

  /** Returns the realms both cover. */
  public Realms intersect(Realms other) {
    if (isAll()) {
      return other;
    }
    if (other.isAll()) {
      return this;
    }
    return of(
        only.get().stream()
            .filter(other::contains)
            .collect(java.util.stream.Collectors.toUnmodifiableSet()));
  }
}
