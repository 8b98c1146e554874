package dev.herald.core.identity;

import static dev.herald.core.identity.IdentityEventType.GROUP_CREATED;
import static dev.herald.core.identity.IdentityEventType.GROUP_DELETED;
import static dev.herald.core.identity.IdentityEventType.GROUP_MEMBER_ADDED;
import static dev.herald.core.identity.IdentityEventType.GROUP_MEMBER_REMOVED;
import static dev.herald.core.identity.IdentityEventType.GROUP_ROLE_ASSIGNED;
import static dev.herald.core.identity.IdentityEventType.GROUP_ROLE_UNASSIGNED;
import static dev.herald.core.identity.IdentityEventType.GROUP_UPDATED;
import static dev.herald.core.identity.IdentityEventType.ROLE_CREATED;
import static dev.herald.core.identity.IdentityEventType.ROLE_DELETED;
import static dev.herald.core.identity.IdentityEventType.ROLE_PERMISSION_ADDED;
import static dev.herald.core.identity.IdentityEventType.ROLE_PERMISSION_REMOVED;
import static dev.herald.core.identity.IdentityEventType.ROLE_UPDATED;
import static dev.herald.core.identity.IdentityEventType.USER_CREATED;
import static dev.herald.core.identity.IdentityEventType.USER_DELETED;
import static dev.herald.core.identity.IdentityEventType.USER_DISABLED;
import static dev.herald.core.identity.IdentityEventType.USER_EMAIL_VERIFIED;
import static dev.herald.core.identity.IdentityEventType.USER_ENABLED;
import static dev.herald.core.identity.IdentityEventType.USER_IDENTITY_LINKED;
import static dev.herald.core.identity.IdentityEventType.USER_IDENTITY_UNLINKED;
import static dev.herald.core.identity.IdentityEventType.USER_LOGIN;
import static dev.herald.core.identity.IdentityEventType.USER_PASSWORD_CHANGED;
import static dev.herald.core.identity.IdentityEventType.USER_ROLE_ASSIGNED;
import static dev.herald.core.identity.IdentityEventType.USER_ROLE_UNASSIGNED;
import static dev.herald.core.identity.IdentityEventType.USER_UPDATED;
import static java.util.Objects.requireNonNull;

import com.google.protobuf.Message;
import dev.herald.core.emit.EventContext;
import dev.herald.core.emit.EventDraft;
import dev.herald.core.emit.EventSink;
import dev.herald.proto.event.v1.Subject;
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

/**
 * The typed identity events API: one method per catalogue event type, each emitting an envelope
 * about the payload's aggregate (the user, group or role: the subject, numbered in its sequence)
 * through the sink, e.g. {@code IdentityEvents.to(emitter.inTransaction(tx, outbox))
 * .userCreated(context, user)}.
 *
 * @param <R> what the sink returns for each event: the envelope, or a future of it
 */
public final class IdentityEvents<R> {

  private final EventSink<R> sink;

  private IdentityEvents(EventSink<R> sink) {
    this.sink = requireNonNull(sink, "sink");
  }

  /** Returns the identity events API emitting through {@code sink}. */
  public static <R> IdentityEvents<R> to(EventSink<R> sink) {
    return new IdentityEvents<>(sink);
  }

  /** Emits {@code user.created} about the user {@code user} names. */
  public R userCreated(EventContext context, UserCreated user) {
    return emit(context, USER_CREATED, user.getUserId(), user);
  }

  /**
   * Emits {@code user.updated} about the user {@code change} names ({@code changed_fields} is
   * filled from the fields set).
   */
  public R userUpdated(EventContext context, UserUpdated change) {
    return emit(context, USER_UPDATED, change.getUserId(), ChangedFields.listed(change));
  }

  /** Emits {@code user.deleted} about the user {@code user} names. */
  public R userDeleted(EventContext context, UserDeleted user) {
    return emit(context, USER_DELETED, user.getUserId(), user);
  }

  /** Emits {@code user.disabled} about the user {@code user} names. */
  public R userDisabled(EventContext context, UserDisabled user) {
    return emit(context, USER_DISABLED, user.getUserId(), user);
  }

  /** Emits {@code user.enabled} about the user {@code user} names. */
  public R userEnabled(EventContext context, UserEnabled user) {
    return emit(context, USER_ENABLED, user.getUserId(), user);
  }

  /** Emits {@code user.password_changed} about the user {@code change} names. */
  public R userPasswordChanged(EventContext context, UserPasswordChanged change) {
    return emit(context, USER_PASSWORD_CHANGED, change.getUserId(), change);
  }

  /** Emits {@code user.email_verified} about the user {@code verification} names. */
  public R userEmailVerified(EventContext context, UserEmailVerified verification) {
    return emit(context, USER_EMAIL_VERIFIED, verification.getUserId(), verification);
  }

  /** Emits {@code user.login} about the user {@code login} names. */
  public R userLogin(EventContext context, UserLogin login) {
    return emit(context, USER_LOGIN, login.getUserId(), login);
  }

  /** Emits {@code user.identity_linked} about the user {@code link} names. */
  public R userIdentityLinked(EventContext context, UserIdentityLinked link) {
    return emit(context, USER_IDENTITY_LINKED, link.getUserId(), link);
  }

  /** Emits {@code user.identity_unlinked} about the user {@code link} names. */
  public R userIdentityUnlinked(EventContext context, UserIdentityUnlinked link) {
    return emit(context, USER_IDENTITY_UNLINKED, link.getUserId(), link);
  }

  /** Emits {@code user.role.assigned} about the user {@code grant} names. */
  public R userRoleAssigned(EventContext context, UserRoleAssigned grant) {
    return emit(context, USER_ROLE_ASSIGNED, grant.getUserId(), grant);
  }

  /** Emits {@code user.role.unassigned} about the user {@code grant} names. */
  public R userRoleUnassigned(EventContext context, UserRoleUnassigned grant) {
    return emit(context, USER_ROLE_UNASSIGNED, grant.getUserId(), grant);
  }

  /** Emits {@code group.created} about the group {@code group} names. */
  public R groupCreated(EventContext context, GroupCreated group) {
    return emit(context, GROUP_CREATED, group.getGroupId(), group);
  }

  /**
   * Emits {@code group.updated} about the group {@code change} names ({@code changed_fields} is
   * filled from the fields set).
   */
  public R groupUpdated(EventContext context, GroupUpdated change) {
    return emit(context, GROUP_UPDATED, change.getGroupId(), ChangedFields.listed(change));
  }

  /** Emits {@code group.deleted} about the group {@code group} names. */
  public R groupDeleted(EventContext context, GroupDeleted group) {
    return emit(context, GROUP_DELETED, group.getGroupId(), group);
  }

  /** Emits {@code group.member.added} about the group {@code membership} names. */
  public R groupMemberAdded(EventContext context, GroupMemberAdded membership) {
    return emit(context, GROUP_MEMBER_ADDED, membership.getGroupId(), membership);
  }

  /** Emits {@code group.member.removed} about the group {@code membership} names. */
  public R groupMemberRemoved(EventContext context, GroupMemberRemoved membership) {
    return emit(context, GROUP_MEMBER_REMOVED, membership.getGroupId(), membership);
  }

  /** Emits {@code group.role.assigned} about the group {@code grant} names. */
  public R groupRoleAssigned(EventContext context, GroupRoleAssigned grant) {
    return emit(context, GROUP_ROLE_ASSIGNED, grant.getGroupId(), grant);
  }

  /** Emits {@code group.role.unassigned} about the group {@code grant} names. */
  public R groupRoleUnassigned(EventContext context, GroupRoleUnassigned grant) {
    return emit(context, GROUP_ROLE_UNASSIGNED, grant.getGroupId(), grant);
  }

  /** Emits {@code role.created} about the role {@code role} names. */
  public R roleCreated(EventContext context, RoleCreated role) {
    return emit(context, ROLE_CREATED, role.getRoleId(), role);
  }

  /**
   * Emits {@code role.updated} about the role {@code change} names ({@code changed_fields} is
   * filled from the fields set).
   */
  public R roleUpdated(EventContext context, RoleUpdated change) {
    return emit(context, ROLE_UPDATED, change.getRoleId(), ChangedFields.listed(change));
  }

  /** Emits {@code role.deleted} about the role {@code role} names. */
  public R roleDeleted(EventContext context, RoleDeleted role) {
    return emit(context, ROLE_DELETED, role.getRoleId(), role);
  }

  /** Emits {@code role.permission.added} about the role {@code permission} names. */
  public R rolePermissionAdded(EventContext context, RolePermissionAdded permission) {
    return emit(context, ROLE_PERMISSION_ADDED, permission.getRoleId(), permission);
  }

  /** Emits {@code role.permission.removed} about the role {@code permission} names. */
  public R rolePermissionRemoved(EventContext context, RolePermissionRemoved permission) {
    return emit(context, ROLE_PERMISSION_REMOVED, permission.getRoleId(), permission);
  }

  private R emit(
      EventContext context, IdentityEventType type, String aggregateId, Message payload) {
    Subject subject =
        Subject.newBuilder().setType(type.aggregate().subjectType()).setId(aggregateId).build();
    return sink.emit(
        new EventDraft(context, type.eventType(), IdentityEventType.VERSION, subject, payload));
  }
}
