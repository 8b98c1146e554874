package dev.herald.core.identity;

import com.google.protobuf.Message;
import dev.herald.core.envelope.PayloadType;
import dev.herald.core.envelope.PayloadTypes;
import dev.herald.proto.identity.v1.GroupCreated;
import dev.herald.proto.identity.v1.GroupDeleted;
import dev.herald.proto.identity.v1.GroupMemberAdded;
import dev.herald.proto.identity.v1.GroupMemberRemoved;
import dev.herald.proto.identity.v1.GroupRoleAssigned;
import dev.herald.proto.identity.v1.GroupRoleUnassigned;
import dev.herald.proto.identity.v1.GroupUpdated;
import dev.herald.proto.identity.v1.RoleCreated;
import dev.herald.proto.identity.v1.RoleDeleted;
import dev.herald.proto.identity.v1.RolePermissionAdded;
import dev.herald.proto.identity.v1.RolePermissionRemoved;
import dev.herald.proto.identity.v1.RoleUpdated;
import dev.herald.proto.identity.v1.UserCreated;
import dev.herald.proto.identity.v1.UserDeleted;
import dev.herald.proto.identity.v1.UserDisabled;
import dev.herald.proto.identity.v1.UserEmailVerified;
import dev.herald.proto.identity.v1.UserEnabled;
import dev.herald.proto.identity.v1.UserIdentityLinked;
import dev.herald.proto.identity.v1.UserIdentityUnlinked;
import dev.herald.proto.identity.v1.UserLogin;
import dev.herald.proto.identity.v1.UserPasswordChanged;
import dev.herald.proto.identity.v1.UserRoleAssigned;
import dev.herald.proto.identity.v1.UserRoleUnassigned;
import dev.herald.proto.identity.v1.UserUpdated;
import java.util.Arrays;

/**
 * The identity event catalogue: each event type with its payload message ({@code
 * herald.identity.v1}), its {@code event_version} and the aggregate it is about.
 */
public enum IdentityEventType {
  USER_CREATED("user.created", Aggregate.USER, UserCreated.getDefaultInstance()),
  USER_UPDATED("user.updated", Aggregate.USER, UserUpdated.getDefaultInstance()),
  USER_DELETED("user.deleted", Aggregate.USER, UserDeleted.getDefaultInstance()),
  USER_DISABLED("user.disabled", Aggregate.USER, UserDisabled.getDefaultInstance()),
  USER_ENABLED("user.enabled", Aggregate.USER, UserEnabled.getDefaultInstance()),
  USER_PASSWORD_CHANGED(
      "user.password_changed", Aggregate.USER, UserPasswordChanged.getDefaultInstance()),
  USER_EMAIL_VERIFIED(
      "user.email_verified", Aggregate.USER, UserEmailVerified.getDefaultInstance()),
  USER_LOGIN("user.login", Aggregate.USER, UserLogin.getDefaultInstance()),
  USER_IDENTITY_LINKED(
      "user.identity_linked", Aggregate.USER, UserIdentityLinked.getDefaultInstance()),
  USER_IDENTITY_UNLINKED(
      "user.identity_unlinked", Aggregate.USER, UserIdentityUnlinked.getDefaultInstance()),
  USER_ROLE_ASSIGNED("user.role.assigned", Aggregate.USER, UserRoleAssigned.getDefaultInstance()),
  USER_ROLE_UNASSIGNED(
      "user.role.unassigned", Aggregate.USER, UserRoleUnassigned.getDefaultInstance()),
  GROUP_CREATED("group.created", Aggregate.GROUP, GroupCreated.getDefaultInstance()),
  GROUP_UPDATED("group.updated", Aggregate.GROUP, GroupUpdated.getDefaultInstance()),
  GROUP_DELETED("group.deleted", Aggregate.GROUP, GroupDeleted.getDefaultInstance()),
  GROUP_MEMBER_ADDED("group.member.added", Aggregate.GROUP, GroupMemberAdded.getDefaultInstance()),
  GROUP_MEMBER_REMOVED(
      "group.member.removed", Aggregate.GROUP, GroupMemberRemoved.getDefaultInstance()),
  GROUP_ROLE_ASSIGNED(
      "group.role.assigned", Aggregate.GROUP, GroupRoleAssigned.getDefaultInstance()),
  GROUP_ROLE_UNASSIGNED(
      "group.role.unassigned", Aggregate.GROUP, GroupRoleUnassigned.getDefaultInstance()),
  ROLE_CREATED("role.created", Aggregate.ROLE, RoleCreated.getDefaultInstance()),
  ROLE_UPDATED("role.updated", Aggregate.ROLE, RoleUpdated.getDefaultInstance()),
  ROLE_DELETED("role.deleted", Aggregate.ROLE, RoleDeleted.getDefaultInstance()),
  ROLE_PERMISSION_ADDED(
      "role.permission.added", Aggregate.ROLE, RolePermissionAdded.getDefaultInstance()),
  ROLE_PERMISSION_REMOVED(
      "role.permission.removed", Aggregate.ROLE, RolePermissionRemoved.getDefaultInstance());

  /** The payload version every identity event has today. */
  public static final int VERSION = 1;

  private static final PayloadTypes PAYLOAD_TYPES =
      PayloadTypes.of(Arrays.stream(values()).map(IdentityEventType::payloadType).toList());

  private final String eventType;
  private final Aggregate aggregate;
  private final Message prototype;

  IdentityEventType(String eventType, Aggregate aggregate, Message prototype) {
    this.eventType = eventType;
    this.aggregate = aggregate;
    this.prototype = prototype;
  }

  /** Returns the event type, e.g. {@code user.created}. */
  public String eventType() {
    return eventType;
  }

  /** Returns the kind of aggregate the event is about: the envelope's {@code subject.type}. */
  public Aggregate aggregate() {
    return aggregate;
  }

  /** Returns the payload's default instance. */
  public Message prototype() {
    return prototype;
  }

  /** Returns the payload this event type carries at {@link #VERSION}. */
  public PayloadType payloadType() {
    return new PayloadType(eventType, VERSION, prototype);
  }

  /** Returns the registry of every identity event's payload, for validation and JSON rendering. */
  public static PayloadTypes payloadTypes() {
    return PAYLOAD_TYPES;
  }

  /** The aggregates identity events are about; the name is the envelope's {@code subject.type}. */
  public enum Aggregate {
    USER("user"),
    GROUP("group"),
    ROLE("role");

    private final String subjectType;

    Aggregate(String subjectType) {
      this.subjectType = subjectType;
    }

    /** Returns the envelope's {@code subject.type} for this aggregate, e.g. {@code user}. */
    public String subjectType() {
      return subjectType;
    }
  }
}
