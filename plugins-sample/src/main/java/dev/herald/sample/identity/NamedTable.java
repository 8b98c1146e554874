package dev.herald.sample.identity;

import static dev.herald.sample.identity.jooq.Tables.IDENTITY_GROUPS;
import static dev.herald.sample.identity.jooq.Tables.IDENTITY_ROLES;

import java.time.Instant;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;

/**
 * A table of named aggregates, {@code identity_groups} or {@code identity_roles}: the same columns
 * (id, unique name, description, times), so one piece of code serves both.
 */
final class NamedTable {

  /** The {@code identity_groups} table. */
  static final NamedTable GROUPS =
      new NamedTable(
          "group",
          IDENTITY_GROUPS,
          IDENTITY_GROUPS.ID,
          IDENTITY_GROUPS.NAME,
          IDENTITY_GROUPS.DESCRIPTION,
          IDENTITY_GROUPS.CREATED_AT,
          IDENTITY_GROUPS.UPDATED_AT);

  /** The {@code identity_roles} table. */
  static final NamedTable ROLES =
      new NamedTable(
          "role",
          IDENTITY_ROLES,
          IDENTITY_ROLES.ID,
          IDENTITY_ROLES.NAME,
          IDENTITY_ROLES.DESCRIPTION,
          IDENTITY_ROLES.CREATED_AT,
          IDENTITY_ROLES.UPDATED_AT);

  private final String kind;
  private final Table<?> table;
  private final Field<String> id;
  private final Field<String> name;
  private final Field<String> description;
  private final Field<Long> createdAt;
  private final Field<Long> updatedAt;

  private NamedTable(
      String kind,
      Table<?> table,
      Field<String> id,
      Field<String> name,
      Field<String> description,
      Field<Long> createdAt,
      Field<Long> updatedAt) {
    this.kind = kind;
    this.table = table;
    this.id = id;
    this.name = name;
    this.description = description;
    this.createdAt = createdAt;
    this.updatedAt = updatedAt;
  }

  /** Inserts a new row. */
  void insert(DSLContext tx, NamedView row, Instant now) {
    try {
      tx.insertInto(table)
          .set(id, row.id())
          .set(name, row.name())
          .set(description, row.description())
          .set(createdAt, now.toEpochMilli())
          .set(updatedAt, now.toEpochMilli())
          .execute();
    } catch (DataAccessException e) {
      throw nameTaken(row, e);
    }
  }

  /** Returns the row, or throws {@link NotFoundException}. */
  NamedView find(DSLContext ctx, String rowId) {
    return ctx.select(id, name, description)
        .from(table)
        .where(id.eq(rowId))
        .fetchOptional(r -> new NamedView(r.value1(), r.value2(), r.value3()))
        .orElseThrow(() -> new NotFoundException(kind + " " + rowId + ": not found"));
  }

  /** Writes the name and description of an existing row. */
  void save(DSLContext tx, NamedView row, Instant now) {
    try {
      tx.update(table)
          .set(name, row.name())
          .set(description, row.description())
          .set(updatedAt, now.toEpochMilli())
          .where(id.eq(row.id()))
          .execute();
    } catch (DataAccessException e) {
      throw nameTaken(row, e);
    }
  }

  /** Deletes a row and, by cascade, its links. */
  void delete(DSLContext tx, String rowId) {
    tx.deleteFrom(table).where(id.eq(rowId)).execute();
  }

  private RuntimeException nameTaken(NamedView row, DataAccessException e) {
    return ConflictException.isDuplicate(e)
        ? new ConflictException(kind + " name: '" + row.name() + "' is taken", e)
        : e;
  }
}
