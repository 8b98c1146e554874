package dev.herald.sample.identity;

import dev.herald.core.emit.EventContext;
import dev.herald.core.identity.IdentityEvents;
import dev.herald.proto.identity.v1.GroupRoleAssigned;
import dev.herald.proto.identity.v1.GroupRoleUnassigned;
import dev.herald.proto.identity.v1.UserRoleAssigned;
import dev.herald.proto.identity.v1.UserRoleUnassigned;

/** The events of granting a role to a user or to a group, and of taking it away. */
enum RoleGrantEvents {
  USER {
    @Override
    void assigned(IdentityEvents<?> events, EventContext context, String userId, NamedView role) {
      events.userRoleAssigned(
          context,
          UserRoleAssigned.newBuilder()
              .setUserId(userId)
              .setRoleId(role.id())
              .setRoleName(role.name())
              .build());
    }

    @Override
    void unassigned(IdentityEvents<?> events, EventContext context, String userId, NamedView role) {
      events.userRoleUnassigned(
          context,
          UserRoleUnassigned.newBuilder()
              .setUserId(userId)
              .setRoleId(role.id())
              .setRoleName(role.name())
              .build());
    }
  },

  GROUP {
    @Override
    void assigned(IdentityEvents<?> events, EventContext context, String groupId, NamedView role) {
      events.groupRoleAssigned(
          context,
          GroupRoleAssigned.newBuilder()
              .setGroupId(groupId)
              .setRoleId(role.id())
              .setRoleName(role.name())
              .build());
    }

    @Override
    void unassigned(
        IdentityEvents<?> events, EventContext context, String groupId, NamedView role) {
      events.groupRoleUnassigned(
          context,
          GroupRoleUnassigned.newBuilder()
              .setGroupId(groupId)
              .setRoleId(role.id())
              .setRoleName(role.name())
              .build());
    }
  };

  /** Emits {@code user.role.assigned} or {@code group.role.assigned}. */
  abstract void assigned(
      IdentityEvents<?> events, EventContext context, String ownerId, NamedView role);

  /** Emits {@code user.role.unassigned} or {@code group.role.unassigned}. */
  abstract void unassigned(
      IdentityEvents<?> events, EventContext context, String ownerId, NamedView role);
}
