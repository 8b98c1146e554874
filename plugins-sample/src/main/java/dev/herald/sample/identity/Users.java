package dev.herald.sample.identity;

import static dev.herald.sample.identity.jooq.Tables.IDENTITY_USERS;

import java.time.Instant;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/** The {@code identity_users} table. */
final class Users {

  private Users() {}

  /** Inserts a new user. */
  static void insert(DSLContext tx, UserView user, Instant now) {
    try {
      tx.insertInto(IDENTITY_USERS)
          .set(IDENTITY_USERS.ID, user.id())
          .set(IDENTITY_USERS.USERNAME, user.username())
          .set(IDENTITY_USERS.EMAIL, user.email())
          .set(IDENTITY_USERS.EMAIL_VERIFIED, flag(user.emailVerified()))
          .set(IDENTITY_USERS.DISPLAY_NAME, user.displayName())
          .set(IDENTITY_USERS.ENABLED, flag(user.enabled()))
          .set(IDENTITY_USERS.CREATED_AT, now.toEpochMilli())
          .set(IDENTITY_USERS.UPDATED_AT, now.toEpochMilli())
          .execute();
    } catch (DataAccessException e) {
      throw usernameTaken(user, e);
    }
  }

  /** Returns the user, or throws {@link NotFoundException}. */
  static UserView find(DSLContext ctx, String id) {
    return ctx.selectFrom(IDENTITY_USERS)
        .where(IDENTITY_USERS.ID.eq(id))
        .fetchOptional(
            r ->
                new UserView(
                    r.getId(),
                    r.getUsername(),
                    r.getEmail(),
                    r.getEmailVerified() == 1,
                    r.getDisplayName(),
                    r.getEnabled() == 1))
        .orElseThrow(() -> new NotFoundException("user " + id + ": not found"));
  }

  /** Writes every field of an existing user. */
  static void save(DSLContext tx, UserView user, Instant now) {
    try {
      tx.update(IDENTITY_USERS)
          .set(IDENTITY_USERS.USERNAME, user.username())
          .set(IDENTITY_USERS.EMAIL, user.email())
          .set(IDENTITY_USERS.EMAIL_VERIFIED, flag(user.emailVerified()))
          .set(IDENTITY_USERS.DISPLAY_NAME, user.displayName())
          .set(IDENTITY_USERS.ENABLED, flag(user.enabled()))
          .set(IDENTITY_USERS.UPDATED_AT, now.toEpochMilli())
          .where(IDENTITY_USERS.ID.eq(user.id()))
          .execute();
    } catch (DataAccessException e) {
      throw usernameTaken(user, e);
    }
  }

  /** Deletes a user and, by cascade, its memberships and role grants. */
  static void delete(DSLContext tx, String id) {
    tx.deleteFrom(IDENTITY_USERS).where(IDENTITY_USERS.ID.eq(id)).execute();
  }

  private static RuntimeException usernameTaken(UserView user, DataAccessException e) {
    return ConflictException.isDuplicate(e)
        ? new ConflictException("username: '" + user.username() + "' is taken", e)
        : e;
  }

  private static long flag(boolean value) {
    return value ? 1L : 0L;
  }
}
