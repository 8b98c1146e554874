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
import dev.herald.proto.identity.v1.GroupMemberAdded;
import dev.herald.proto.identity.v1.GroupMemberRemoved;
import java.util.List;

/**
 * {@code /groups/{id}/members}: who belongs to a group; every change emits its {@code
 * group.member.*} event in the same transaction.
 */
@Blocking
@ProducesJson
final class GroupApi {

  private final IdentityChanges changes;

  GroupApi(IdentityChanges changes) {
    this.changes = requireNonNull(changes, "changes");
  }

  /** Returns the ids of a group's members. */
  @Get("/groups/{id}/members")
  public List<String> members(@Param("id") String id) {
    return changes.read(
        ctx -> {
          NamedTable.GROUPS.find(ctx, id);
          return LinkTable.GROUP_MEMBERS.linked(ctx, id);
        });
  }

  /** Adds a user to a group, emits {@code group.member.added}, and returns the members. */
  @Post("/groups/{id}/members")
  @StatusCode(201)
  public List<String> addMember(
      ServiceRequestContext request, @Param("id") String id, Requests.UserRef body) {
    EventContext context = RequestOrigin.of(request, changes);
    return changes.run(
        (tx, events) -> {
          NamedTable.GROUPS.find(tx, id);
          String userId = Users.find(tx, FieldRules.identifier("user_id", body.userId())).id();
          // Emitted before the insert on purpose: when the user is a member already, the insert
          // fails and the event rolls back with it.
          events.groupMemberAdded(
              context, GroupMemberAdded.newBuilder().setGroupId(id).setUserId(userId).build());
          LinkTable.GROUP_MEMBERS.add(tx, id, userId);
          return LinkTable.GROUP_MEMBERS.linked(tx, id);
        });
  }

  /** Removes a user from a group and emits {@code group.member.removed}. */
  @Delete("/groups/{id}/members/{userId}")
  public void removeMember(
      ServiceRequestContext request, @Param("id") String id, @Param("userId") String userId) {
    EventContext context = RequestOrigin.of(request, changes);
    changes.run(
        (tx, events) -> {
          LinkTable.GROUP_MEMBERS.remove(tx, id, userId);
          return events.groupMemberRemoved(
              context, GroupMemberRemoved.newBuilder().setGroupId(id).setUserId(userId).build());
        });
  }
}
