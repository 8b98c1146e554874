package dev.herald.sample.identity;

import org.jooq.exception.DataAccessException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** A change would break a uniqueness rule (a taken name, an existing link); answered with 409. */
final class ConflictException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  ConflictException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Returns whether {@code e} is SQLite refusing a duplicate primary key or unique value. */
  static boolean isDuplicate(DataAccessException e) {
    SQLiteException cause = e.getCause(SQLiteException.class);
    return cause != null
        && (cause.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE
            || cause.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY);
  }
}
