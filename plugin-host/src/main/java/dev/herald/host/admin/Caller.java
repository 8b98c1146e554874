package dev.herald.host.admin;

import static java.util.Objects.requireNonNull;

import dev.herald.core.admin.Realms;
import dev.herald.host.config.ApiToken;
import io.grpc.Context;
import io.grpc.Status;
import java.util.Locale;

/**
 * Who is calling: the token's name, role and realms; put in the gRPC context by {@link
 * TokenAuthenticator}.
 */
record Caller(String name, ApiToken.Role role, Realms realms) {

  static final Context.Key<Caller> KEY = Context.key("herald-caller");

  Caller {
    requireNonNull(name, "name");
    requireNonNull(role, "role");
    requireNonNull(realms, "realms");
  }

  /** Returns the caller of the current call. */
  static Caller current() {
    Caller caller = KEY.get();
    if (caller == null) {
      throw Status.UNAUTHENTICATED.withDescription("no caller").asRuntimeException();
    }
    return caller;
  }

  /** Throws PERMISSION_DENIED unless the token may read the admin API (lists, gets, exports). */
  void requireReading() {
    requireRole("reading", "a reader or admin token", ApiToken.Role.READER);
  }

  /** Throws PERMISSION_DENIED unless the token may publish events. */
  void requirePublishing() {
    requireRole("publishing", "a publisher or admin token", ApiToken.Role.PUBLISHER);
  }

  /** Throws PERMISSION_DENIED, saying what {@code action} needs, unless admin or {@code role}. */
  private void requireRole(String action, String needs, ApiToken.Role role) {
    if (this.role != ApiToken.Role.ADMIN && this.role != role) {
      throw Status.PERMISSION_DENIED
          .withDescription(
              "token '" + name + "' is a " + roleName() + " token; " + action + " needs " + needs)
          .asRuntimeException();
    }
  }

  /** Returns the role as api.tokens spells it, e.g. {@code reader}. */
  String roleName() {
    return role.name().toLowerCase(Locale.ROOT);
  }

  /** Throws PERMISSION_DENIED unless the token covers the realm. */
  void requireRealm(String realm) {
    if (!realms.contains(realm)) {
      throw Status.PERMISSION_DENIED
          .withDescription("token '" + name + "' does not cover realm '" + realm + "'")
          .asRuntimeException();
    }
  }

  /** Throws PERMISSION_DENIED unless the token covers every realm. */
  void requireAllRealms(String action) {
    if (!realms.isAll()) {
      throw Status.PERMISSION_DENIED
          .withDescription("token '" + name + "' must cover every realm to " + action)
          .asRuntimeException();
    }
  }

  /** Throws PERMISSION_DENIED unless the token covers every one of {@code covered}. */
  void requireCovering(Realms covered, String action) {
    if (covered.isAll()) {
      requireAllRealms(action);
    } else {
      covered.only().orElseThrow().stream().sorted().forEach(this::requireRealm);
    }
  }

  /** Returns whether the token covers every one of {@code covered}. */
  boolean covers(Realms covered) {
    return covered.isAll()
        ? realms.isAll()
        : covered.only().orElseThrow().stream().allMatch(realms::contains);
  }

  /**
   * Returns the realms a list covers: every realm the token covers when {@code allRealms}, else the
   * one named (the default realm when empty), which the token must cover.
   */
  Realms scope(String realmId, boolean allRealms) {
    if (allRealms) {
      return realms;
    }
    requireRealm(realmId);
    return Realms.one(realmId);
  }
}
