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
import dev.herald.proto.identity.v1.RolePermissionAdded;
import dev.herald.proto.identity.v1.RolePermissionRemoved;
import java.util.List;

/**
 * {@code /roles/{id}/permissions}: what a role allows; every change emits its {@code
 * role.permission.*} event in the same transaction.
 */
@Blocking
@ProducesJson
final class RoleApi {

  private final IdentityChanges changes;

  RoleApi(IdentityChanges changes) {
    this.changes = requireNonNull(changes, "changes");
  }

  /** Returns a role's permissions. */
  @Get("/roles/{id}/permissions")
  public List<String> permissions(@Param("id") String id) {
    return changes.read(
        ctx -> {
          NamedTable.ROLES.find(ctx, id);
          return LinkTable.ROLE_PERMISSIONS.linked(ctx, id);
        });
  }

  /** Adds a permission to a role, emits {@code role.permission.added}, and returns them all. */
  @Post("/roles/{id}/permissions")
  @StatusCode(201)
  public List<String> addPermission(
      ServiceRequestContext request, @Param("id") String id, Requests.PermissionRef body) {
    EventContext context = RequestOrigin.of(request, changes);
    String permission = FieldRules.identifier("permission", body.permission());
    return changes.run(
        (tx, events) -> {
          NamedTable.ROLES.find(tx, id);
          LinkTable.ROLE_PERMISSIONS.add(tx, id, permission);
          events.rolePermissionAdded(
              context,
              RolePermissionAdded.newBuilder().setRoleId(id).setPermission(permission).build());
          return LinkTable.ROLE_PERMISSIONS.linked(tx, id);
        });
  }

  /** Removes a permission from a role and emits {@code role.permission.removed}. */
  @Delete("/roles/{id}/permissions/{permission}")
  public void removePermission(
      ServiceRequestContext request,
      @Param("id") String id,
      @Param("permission") String permission) {
    EventContext context = RequestOrigin.of(request, changes);
    changes.run(
        (tx, events) -> {
          LinkTable.ROLE_PERMISSIONS.remove(tx, id, permission);
          return events.rolePermissionRemoved(
              context,
              RolePermissionRemoved.newBuilder().setRoleId(id).setPermission(permission).build());
        });
  }
}
