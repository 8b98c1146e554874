package dev.herald.host.admin;

import dev.herald.host.config.ApiToken;
import io.grpc.MethodDescriptor;
import java.util.List;
import java.util.Optional;

/**
 * Which roles may call which methods, decided in this one place: a reader calls only the reads of
 * Herald's APIs, a publisher nothing of the admin API, an admin everything. A read is a method
 * named {@code Get…}, {@code List…}, {@code Export…} or {@code Preview…} (the audit trail records
 * every other admin method as a change); {@code MethodAccessTest} lists every admin method with its
 * class, so a new method that changes something cannot be named like a read unnoticed.
 */
final class MethodAccess {

  private static final String HERALD_PACKAGE = "herald.";
  private static final String ADMIN_PACKAGE = "herald.admin.";

  private MethodAccess() {}

  private static final List<String> READ_PREFIXES = List.of("Get", "List", "Export", "Preview");

  /** Returns whether a method only reads: its name begins with a read's prefix. */
  static boolean isRead(MethodDescriptor<?, ?> method) {
    String name = method.getBareMethodName();
    return name != null && READ_PREFIXES.stream().anyMatch(name::startsWith);
  }

  /** Returns why {@code caller} may not call {@code method}, or empty when it may. */
  static Optional<String> refusal(Caller caller, MethodDescriptor<?, ?> method) {
    String service = method.getServiceName();
    if (service == null || !service.startsWith(HERALD_PACKAGE)) {
      return Optional.empty();
    }
    boolean admin = service.startsWith(ADMIN_PACKAGE);
    String who = "token '" + caller.name() + "' is a " + caller.roleName() + " token";
    if (caller.role() == ApiToken.Role.PUBLISHER && admin) {
      return Optional.of(who + "; the admin API needs an admin token");
    }
    if (caller.role() == ApiToken.Role.READER && !isRead(method)) {
      return Optional.of(
          who
              + "; "
              + method.getFullMethodName()
              + " changes something and needs "
              + (admin ? "an admin token" : "a publisher or admin token"));
    }
    return Optional.empty();
  }
}
