package dev.herald.sample.identity;

import static java.util.Objects.requireNonNull;

import com.linecorp.armeria.server.ServiceRequestContext;
import com.linecorp.armeria.server.annotation.Blocking;
import com.linecorp.armeria.server.annotation.Delete;
import com.linecorp.armeria.server.annotation.Get;
import com.linecorp.armeria.server.annotation.Param;
import com.linecorp.armeria.server.annotation.Post;
import com.linecorp.armeria.server.annotation.ProducesJson;
import com.linecorp.armeria.server.annotation.StatusCode;
import dev.herald.core.emit.EventContext;
import java.util.List;
import org.jooq.DSLContext;

/**
 * Grants roles to a user or a group and takes them away, each change with its {@code
 * *.role.assigned|unassigned} event in the same transaction; served under {@code /users} and {@code
 * /groups}.
 */
@Blocking
@ProducesJson
final class RoleGrantApi {

  /** Checks that the user or group exists, throwing {@link NotFoundException} if not. */
  @FunctionalInterface
  interface Owners {
    void require(DSLContext ctx, String id);
  }

  private final IdentityChanges changes;
  private final Owners owners;
  private final LinkTable grants;
  private final RoleGrantEvents emit;

  RoleGrantApi(IdentityChanges changes, Owners owners, LinkTable grants, RoleGrantEvents emit) {
    this.changes = requireNonNull(changes, "changes");
    this.owners = requireNonNull(owners, "owners");
    this.grants = requireNonNull(grants, "grants");
    this.emit = requireNonNull(emit, "emit");
  }

  /** Returns the ids of the roles granted to the user or group. */
  @Get("/{id}/roles")
  public List<String> roles(@Param("id") String id) {
    return changes.read(
        ctx -> {
          owners.require(ctx, id);
          return grants.linked(ctx, id);
        });
  }

  /** Grants a role, emits {@code *.role.assigned}, and returns the roles granted. */
  @Post("/{id}/roles")
  @StatusCode(201)
  public List<String> assign(
      ServiceRequestContext request, @Param("id") String id, Requests.RoleRef body) {
    EventContext context = RequestOrigin.of(request, changes);
    return changes.run(
        (tx, events) -> {
          owners.require(tx, id);
          NamedView role =
              NamedTable.ROLES.find(tx, FieldRules.identifier("role_id", body.roleId()));
          // Emitted before the insert on purpose: a duplicate grant fails the insert, and the
          // event rolls back with it.
          emit.assigned(events, context, id, role);
          grants.add(tx, id, role.id());
          return grants.linked(tx, id);
        });
  }

  /** Takes a granted role away and emits {@code *.role.unassigned}. */
  @Delete("/{id}/roles/{roleId}")
  public void unassign(
      ServiceRequestContext request, @Param("id") String id, @Param("roleId") String roleId) {
    EventContext context = RequestOrigin.of(request, changes);
    changes.run(
        (tx, events) -> {
          NamedView role = NamedTable.ROLES.find(tx, roleId);
          grants.remove(tx, id, roleId);
          emit.unassigned(events, context, id, role);
          return null;
        });
  }
}
