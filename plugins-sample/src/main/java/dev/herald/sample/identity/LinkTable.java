package dev.herald.sample.identity;

import static dev.herald.sample.identity.jooq.Tables.IDENTITY_GROUP_MEMBERS;
import static dev.herald.sample.identity.jooq.Tables.IDENTITY_GROUP_ROLES;
import static dev.herald.sample.identity.jooq.Tables.IDENTITY_ROLE_PERMISSIONS;
import static dev.herald.sample.identity.jooq.Tables.IDENTITY_USER_ROLES;

import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;

/**
 * A table linking an owner to another id, once: group members, user and group role grants, role
 * permissions.
 */
final class LinkTable {

  /** Group → member user. */
  static final LinkTable GROUP_MEMBERS =
      new LinkTable(
          "group",
          "member",
          IDENTITY_GROUP_MEMBERS,
          IDENTITY_GROUP_MEMBERS.GROUP_ID,
          IDENTITY_GROUP_MEMBERS.USER_ID);

  /** User → role granted directly. */
  static final LinkTable USER_ROLES =
      new LinkTable(
          "user",
          "role",
          IDENTITY_USER_ROLES,
          IDENTITY_USER_ROLES.USER_ID,
          IDENTITY_USER_ROLES.ROLE_ID);

  /** Group → role granted to its members. */
  static final LinkTable GROUP_ROLES =
      new LinkTable(
          "group",
          "role",
          IDENTITY_GROUP_ROLES,
          IDENTITY_GROUP_ROLES.GROUP_ID,
          IDENTITY_GROUP_ROLES.ROLE_ID);

  /** Role → permission. */
  static final LinkTable ROLE_PERMISSIONS =
      new LinkTable(
          "role",
          "permission",
          IDENTITY_ROLE_PERMISSIONS,
          IDENTITY_ROLE_PERMISSIONS.ROLE_ID,
          IDENTITY_ROLE_PERMISSIONS.PERMISSION);

  private final String ownerKind;
  private final String linkedKind;
  private final Table<?> table;
  private final Field<String> owner;
  private final Field<String> linked;

  private LinkTable(
      String ownerKind,
      String linkedKind,
      Table<?> table,
      Field<String> owner,
      Field<String> linked) {
    this.ownerKind = ownerKind;
    this.linkedKind = linkedKind;
    this.table = table;
    this.owner = owner;
    this.linked = linked;
  }

  /** Adds the link, or throws {@link ConflictException} when it exists. */
  void add(DSLContext tx, String ownerId, String linkedId) {
    try {
      tx.insertInto(table).set(owner, ownerId).set(linked, linkedId).execute();
    } catch (DataAccessException e) {
      if (ConflictException.isDuplicate(e)) {
        throw new ConflictException(describe(ownerId, linkedId) + ": exists already", e);
      }
      throw e;
    }
  }

  /** Removes the link, or throws {@link NotFoundException} when there is none. */
  void remove(DSLContext tx, String ownerId, String linkedId) {
    if (tx.deleteFrom(table).where(owner.eq(ownerId), linked.eq(linkedId)).execute() == 0) {
      throw new NotFoundException(describe(ownerId, linkedId) + ": not found");
    }
  }

  /** Returns the ids linked to the owner, sorted. */
  List<String> linked(DSLContext ctx, String ownerId) {
    return ctx.select(linked).from(table).where(owner.eq(ownerId)).orderBy(linked).fetch(linked);
  }

  private String describe(String ownerId, String linkedId) {
    return ownerKind + " " + ownerId + " " + linkedKind + " " + linkedId;
  }
}
