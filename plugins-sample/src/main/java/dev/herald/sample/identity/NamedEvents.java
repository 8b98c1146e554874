package dev.herald.sample.identity;

import dev.herald.core.emit.EventContext;
import dev.herald.core.identity.IdentityEvents;
import dev.herald.proto.identity.v1.GroupCreated;
import dev.herald.proto.identity.v1.GroupDeleted;
import dev.herald.proto.identity.v1.GroupUpdated;
import dev.herald.proto.identity.v1.RoleCreated;
import dev.herald.proto.identity.v1.RoleDeleted;
import dev.herald.proto.identity.v1.RoleUpdated;

/** The created, updated and deleted events of a named aggregate: a group or a role. */
enum NamedEvents {
  GROUP {
    @Override
    void created(IdentityEvents<?> events, EventContext context, NamedView group) {
      events.groupCreated(
          context,
          GroupCreated.newBuilder()
              .setGroupId(group.id())
              .setName(group.name())
              .setDescription(group.description())
              .build());
    }

    @Override
    void updated(
        IdentityEvents<?> events, EventContext context, NamedView before, NamedView after) {
      GroupUpdated.Builder update = GroupUpdated.newBuilder().setGroupId(after.id());
      if (!after.name().equals(before.name())) {
        update.setName(after.name());
      }
      if (!after.description().equals(before.description())) {
        update.setDescription(after.description());
      }
      events.groupUpdated(context, update.build());
    }

    @Override
    void deleted(IdentityEvents<?> events, EventContext context, NamedView group) {
      events.groupDeleted(
          context, GroupDeleted.newBuilder().setGroupId(group.id()).setName(group.name()).build());
    }
  },

  ROLE {
    @Override
    void created(IdentityEvents<?> events, EventContext context, NamedView role) {
      events.roleCreated(
          context,
          RoleCreated.newBuilder()
              .setRoleId(role.id())
              .setName(role.name())
              .setDescription(role.description())
              .build());
    }

    @Override
    void updated(
        IdentityEvents<?> events, EventContext context, NamedView before, NamedView after) {
      RoleUpdated.Builder update = RoleUpdated.newBuilder().setRoleId(after.id());
      if (!after.name().equals(before.name())) {
        update.setName(after.name());
      }
      if (!after.description().equals(before.description())) {
        update.setDescription(after.description());
      }
      events.roleUpdated(context, update.build());
    }

    @Override
    void deleted(IdentityEvents<?> events, EventContext context, NamedView role) {
      events.roleDeleted(
          context, RoleDeleted.newBuilder().setRoleId(role.id()).setName(role.name()).build());
    }
  };

  /** Emits the aggregate's {@code *.created}. */
  abstract void created(IdentityEvents<?> events, EventContext context, NamedView row);

  /** Emits the aggregate's {@code *.updated} with the fields that differ; some field does. */
  abstract void updated(
      IdentityEvents<?> events, EventContext context, NamedView before, NamedView after);

  /** Emits the aggregate's {@code *.deleted}. */
  abstract void deleted(IdentityEvents<?> events, EventContext context, NamedView row);
}
